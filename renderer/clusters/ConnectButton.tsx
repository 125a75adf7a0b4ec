import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useConnectionsStore } from './connectionsStore';

const busyStates = new Set(['connecting', 'needs-input']);

/**
 * Connect or disconnect by hand. Prompts (host key, password, code) arrive as their own dialogs
 * while the call is on its way; the outcome lands in the state badge either way.
 */
export function ConnectButton({ client, name }: { client: ContractClient; name: string }) {
  const connection = useConnectionsStore((state) => state.byName[name]);
  const update = useConnectionsStore((state) => state.update);
  const [pending, setPending] = useState(false);
  const connected = connection?.state === 'connected';
  const busy = pending || busyStates.has(connection?.state ?? '');

  async function toggle() {
    setPending(true);
    try {
      update(await client.call(connected ? 'clusters.disconnect' : 'clusters.connect', { name }));
    } catch (error) {
      reportIfDisconnected(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <Button
      className="button button-small"
      isDisabled={busy}
      onPress={() => void toggle()}
      aria-label={`${connected ? 'Disconnect from' : 'Connect to'} ${name}`}
      data-testid={`${connected ? 'disconnect' : 'connect'}-cluster-${name}`}
    >
      {connected ? 'Disconnect' : busy ? 'Connecting…' : 'Connect'}
    </Button>
  );
}
