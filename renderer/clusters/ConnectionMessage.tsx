import { Button } from 'react-aria-components';
import type { ClusterConnection } from '../../shared/contract/connectionMethods';
import { useConnectionsStore } from './connectionsStore';

/**
 * Why a cluster is not connected, as a card has room for. A refused host key gets one short line
 * and a button to its screen, which explains it and leads to the host-key manager: the full
 * message (with the command that would fix it) is a wall of text on a card.
 */
export function ConnectionMessage({ name, connection }: { name: string; connection: ClusterConnection | undefined }) {
  const showRefusedKey = useConnectionsStore((state) => state.showRefusedKey);
  if (!connection || connection.state === 'connected') return null;
  const problem = connection.hostKeyProblem;
  if (problem) {
    return (
      <span className="cluster-item-detail cluster-connection-message cluster-host-key-problem" data-testid={`connection-message-${name}`}>
        {problem.kind === 'changed' ? "The server's host key changed: not connected." : "The server's host key is revoked: not connected."}
        <Button className="button button-small" onPress={() => showRefusedKey(problem)} data-testid={`review-host-key-${name}`}>
          Review host key…
        </Button>
      </span>
    );
  }
  if (!connection.message) return null;
  return (
    <span className="cluster-item-detail cluster-connection-message" data-testid={`connection-message-${name}`}>
      {connection.message}
    </span>
  );
}
