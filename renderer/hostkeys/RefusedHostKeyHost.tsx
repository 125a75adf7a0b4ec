import { useConnectionsStore } from '../clusters/connectionsStore';
import { RefusedHostKeyDialog } from './RefusedHostKeyDialog';

/** Mounted once in the frame: a changed or revoked key stops the person wherever they are. */
export function RefusedHostKeyHost() {
  const problem = useConnectionsStore((state) => state.refusedKey);
  return problem ? <RefusedHostKeyDialog problem={problem} /> : null;
}
