import type { Reservation } from '../../shared/queue/clusterResources';
import { formatTimestamp } from '../jobs/formatRelativeTime';

/** Reservations: when nodes are set aside, which, and for whom (a job may wait for one to end). */
export function ReservationsList({ reservations }: { reservations: readonly Reservation[] }) {
  if (reservations.length === 0) return <p className="form-hint" data-testid="reservations-none">No reservations: no nodes are set aside.</p>;
  return (
    <ul className="reservation-list" data-testid="reservations">
      {reservations.map((reservation) => {
        const whom = [...reservation.users, ...reservation.accounts.map((account) => `account ${account}`)].join(', ');
        return (
          <li key={reservation.name} className="reservation" data-testid={`reservation-${reservation.name}`}>
            <span className="overview-name mono">{reservation.name}</span>
            <span className="overview-tag">{reservation.state.toLowerCase()}</span>
            <span>
              {formatTimestamp(reservation.startsAt)} – {formatTimestamp(reservation.endsAt)}
            </span>
            <span className="mono">
              {reservation.nodes ?? '—'}
              {reservation.nodeCount !== null && ` (${reservation.nodeCount} ${reservation.nodeCount === 1 ? 'node' : 'nodes'})`}
            </span>
            {whom && <span className="form-hint">for {whom}</span>}
          </li>
        );
      })}
    </ul>
  );
}
