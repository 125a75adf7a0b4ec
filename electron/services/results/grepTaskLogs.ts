import { AppError } from '../../../shared/errors';
import type { z } from 'zod';
import type { GrepHitsSchema } from '../../../shared/contract/resultsMethods';
import type { CommandRunner } from '../backends/types';

type GrepHits = z.infer<typeof GrepHitsSchema>;

/** Characters of one matching line sent back: a hit is a pointer into the log, which opens in full. */
const maxLineBytes = 400;
const maxAnswerBytes = 2 * 1024 * 1024;

/**
 * Lines containing `text` (a fixed string, never a pattern) in every task's log, searched by one
 * `grep` on the cluster over all the files: `-m` stops each file after `perTask + 1` hits (one
 * more than shown, to know there are more), lines are cut and the answer bounded, so a search
 * across 10,000 logs of gigabytes each answers with at most a few megabytes.
 */
const script = [
  'cd "$1" || exit 3',
  `find . -maxdepth 1 -type f -name "$2"'.*.txt' -exec grep -H -n -F -I -m "$3" -e "$4" -- {} + 2>/dev/null | cut -b "1-$5" | head -c "$6"`,
].join('\n');

export async function grepTaskLogs(runner: CommandRunner, jobDir: string, request: { text: string; stream: 'stdout' | 'stderr'; perTask: number }, signal?: AbortSignal): Promise<GrepHits> {
  const argv = ['sh', '-c', script, 'sh', jobDir, request.stream, String(request.perTask + 1), request.text, String(maxLineBytes), String(maxAnswerBytes)];
  const { stdout, stderr, exitCode } = await runner.run(argv, { timeoutMs: 120_000, ...(signal ? { signal } : {}) });
  if (exitCode === 3) throw new AppError('job-folder-missing', `The job folder ${jobDir} cannot be opened on the cluster (${stderr.trim() || 'cd failed'}); it may have been moved or deleted.`);
  return parseGrepHits(stdout, request.stream, request.perTask, stdout.length >= maxAnswerBytes);
}

const hitLine = /^\.\/(stdout|stderr)\.(\d+)\.txt:(\d+):(.*)$/;

export function parseGrepHits(output: string, stream: 'stdout' | 'stderr', perTask: number, truncated: boolean): GrepHits {
  const byTask = new Map<number, { line: number; text: string }[]>();
  for (const line of output.split('\n')) {
    const match = hitLine.exec(line);
    if (!match || match[1] !== stream) continue;
    const task = Number(match[2]);
    const hits = byTask.get(task) ?? [];
    hits.push({ line: Number(match[3]), text: match[4]! });
    byTask.set(task, hits);
  }
  const tasks = [...byTask.entries()].sort(([a], [b]) => a - b).map(([task, hits]) => ({ task, lines: hits.slice(0, perTask), more: hits.length > perTask }));
  return { tasks, truncated };
}
