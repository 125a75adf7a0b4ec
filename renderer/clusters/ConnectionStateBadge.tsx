import type { ClusterConnection } from '../../shared/contract/connectionMethods';
import { connectionStateText } from './connectionStateText';

export function ConnectionStateBadge({ connection, name }: { connection: ClusterConnection | undefined; name: string }) {
  const { label, tone } = connectionStateText[connection?.state ?? 'disconnected'];
  return (
    <span className={`connection-badge connection-badge-${tone}`} data-testid={`connection-state-${name}`} data-state={connection?.state ?? 'disconnected'}>
      <span className="connection-badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
