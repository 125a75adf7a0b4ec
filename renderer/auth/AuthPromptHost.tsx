import type { ContractClient } from '../../shared/contract/client';
import { AuthPromptDialog } from './AuthPromptDialog';
import { useAuthPromptStore } from './authPromptStore';
import { useAuthPrompts } from './useAuthPrompts';
import '../hostkeys/hostKeyPrompt.css';

/** Mounted once in the frame: shows the oldest open sign-in prompt. */
export function AuthPromptHost({ client }: { client: ContractClient }) {
  useAuthPrompts(client);
  const prompt = useAuthPromptStore((state) => state.queue[0] ?? null);
  // Keyed by id: a new prompt never sees the fields of the last one.
  return prompt ? <AuthPromptDialog key={prompt.id} client={client} prompt={prompt} /> : null;
}
