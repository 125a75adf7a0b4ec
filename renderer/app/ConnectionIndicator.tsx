import type { TransportKind } from '../../shared/app/appInfo';
import { type ConnectionStatus, useConnectionStore } from './connectionStore';

const statusLabels: Record<ConnectionStatus, string> = {
  connecting: 'Reconnecting…',
  connected: 'Connected',
  disconnected: 'Disconnected',
  failed: 'Not connected',
};

/** Said only when it is not obvious: the desktop app is the normal case. */
const transportHints: Record<TransportKind, string | null> = {
  electron: null,
  websocket: 'Browser mode',
  memory: 'In-memory',
};

/** A status region, so a screen reader hears when the link to the app drops or comes back. */
export function ConnectionIndicator({ transport }: { transport: TransportKind }) {
  const status = useConnectionStore((state) => state.status);
  const hint = status === 'connected' ? transportHints[transport] : null;
  return (
    <div className="connection-indicator" role="status" data-status={status} data-testid="connection-status">
      <span className="connection-dot" aria-hidden="true" />
      <span>{statusLabels[status]}</span>
      {hint && (
        <span className="connection-hint">
          <span className="visually-hidden">, </span>
          {hint}
        </span>
      )}
    </div>
  );
}
