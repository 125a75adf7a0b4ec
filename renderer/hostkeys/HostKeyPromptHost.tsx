import type { ContractClient } from '../../shared/contract/client';
import { HostKeyPromptDialog } from './HostKeyPromptDialog';
import { useHostKeyPromptStore } from './hostKeyPromptStore';
import { useHostKeyPrompts } from './useHostKeyPrompts';
import './hostKeyPrompt.css';

/** Mounted once in the frame: shows the oldest open host-key prompt. */
export function HostKeyPromptHost({ client }: { client: ContractClient }) {
  useHostKeyPrompts(client);
  const prompt = useHostKeyPromptStore((state) => state.queue[0] ?? null);
  // Keyed by id so a new prompt starts with an empty paste field.
  return prompt ? <HostKeyPromptDialog key={prompt.id} client={client} prompt={prompt} /> : null;
}
