import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { visibleText } from '../../shared/security/visibleText';
import { terminalHandle, terminalOutput } from './terminalHandles';
import { useTerminalStore } from './terminalStore';


/** Terminal output and ends, for this window's terminals only (main sends no one else's). */
export function useTerminalFeed(client: ContractClient): void {
  useEffect(() => {
    const stopOutput = client.on('terminal.output', ({ id, data }) => terminalOutput(id, data));
    const stopEnded = client.on('terminal.ended', (end) => {
      // The reason is the app's sentence, but a cluster name is in it: shown, never obeyed.
      terminalHandle(end.id)?.term.write(`\r\n\x1b[7m ${visibleText(end.reason)} \x1b[0m\r\n`);
      useTerminalStore.getState().ended(end);
    });
    return () => {
      stopOutput();
      stopEnded();
    };
  }, [client]);
}
