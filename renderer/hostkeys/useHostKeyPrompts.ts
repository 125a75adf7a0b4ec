import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useHostKeyPromptStore } from './hostKeyPromptStore';

/** Queues `hostKey.prompt` pushes and drops them when main says they are closed. */
export function useHostKeyPrompts(client: ContractClient): void {
  const add = useHostKeyPromptStore((state) => state.add);
  const close = useHostKeyPromptStore((state) => state.close);
  useEffect(() => {
    const offPrompt = client.on('hostKey.prompt', add);
    const offClosed = client.on('prompt.closed', ({ id }) => close(id));
    return () => {
      offPrompt();
      offClosed();
    };
  }, [client, add, close]);
}
