import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useAuthPromptStore } from './authPromptStore';

/** Queues `auth.prompt` pushes and drops them when main says they are closed. */
export function useAuthPrompts(client: ContractClient): void {
  const add = useAuthPromptStore((state) => state.add);
  const close = useAuthPromptStore((state) => state.close);
  useEffect(() => {
    const offPrompt = client.on('auth.prompt', add);
    const offClosed = client.on('prompt.closed', ({ id }) => close(id));
    return () => {
      offPrompt();
      offClosed();
    };
  }, [client, add, close]);
}
