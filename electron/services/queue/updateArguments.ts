import type { QueueUpdate } from '../../../shared/queue/queueControl';

/**
 * `scontrol update` words for the changes, in a fixed order. Each value passed its schema (a time,
 * a job name, a partition name, a dependency expression, a number), so none can hold a space or
 * a second `Key=`; over SSH each word is quoted besides.
 */
export function updateArguments(changes: QueueUpdate): string[] {
  const words: string[] = [];
  if (changes.timeLimit !== undefined) words.push(`TimeLimit=${changes.timeLimit}`);
  if (changes.name !== undefined) words.push(`JobName=${changes.name}`);
  if (changes.partition !== undefined) words.push(`Partition=${changes.partition}`);
  if (changes.dependency !== undefined) words.push(`Dependency=${changes.dependency}`);
  if (changes.nice !== undefined) words.push(`Nice=${changes.nice}`);
  return words;
}
