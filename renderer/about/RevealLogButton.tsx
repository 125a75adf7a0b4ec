import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';

/** Shows the app log in the file manager; where the host cannot (browser mode), says where it is. */
export function RevealLogButton({ client }: { client: ContractClient }) {
  const [note, setNote] = useState<string | null>(null);
  const reveal = async () => {
    try {
      const { revealed, path } = await client.call('app.revealLog', {});
      setNote(revealed ? null : `The log is at ${path}`);
    } catch (error) {
      setNote(`The log could not be shown: ${(error as Error).message}`);
    }
  };
  return (
    <>
      <Button className="button" onPress={() => void reveal()} data-testid="reveal-log">
        Reveal log
      </Button>
      {note && (
        <p className="form-hint about-log-note" data-testid="reveal-log-note">
          {note}
        </p>
      )}
    </>
  );
}
