import { AppError } from '../../../shared/errors';
import type { CommandRunner } from '../backends/types';

/** Bytes read of each task's result file: a row of a table, not a data set (those stay files). */
export const maxTaskResultBytes = 64 * 1024;
/** Bytes read in all: 10,000 tasks of small results fit many times over; the rest are said to be cut. */
export const maxResultsBytes = 32 * 1024 * 1024;

export type TaskFile = { task: number; kind: 'result' | 'repr' | 'error'; text: string; cut: boolean };
export type TaskFiles = { files: Map<number, TaskFile[]>; truncated: boolean };

/**
 * Every task's result.N.json, result.N.repr.txt and error.N.json in one command on the cluster:
 * `find` hands the names to one `head` (a few processes in all, never one per task and never an
 * SFTP open per task), which prints each file's first bytes under a `==> name <==` header. Each
 * file is cut at `maxTaskResultBytes` and the whole answer at `maxResultsBytes`, so a runaway
 * result costs a bounded read. `-v` keeps the header when there is a single file.
 */
const script = [
  'cd "$1" || exit 3',
  `find . -maxdepth 1 -type f \\( -name 'result.*.json' -o -name 'result.*.repr.txt' -o -name 'error.*.json' \\) -exec head -v -c "$2" -- {} + 2>/dev/null | head -c "$3"`,
].join('\n');

/**
 * A file's header as head prints it. find hands head as many names as fit on a command line, so a
 * large array runs several heads one after another, and a new head's first header follows the
 * previous file's last byte on the same line: headers are found anywhere, not only at line starts.
 * Inside JSON a header cannot occur (a string holds no raw line break to end it with).
 */
const header = /==> \.\/(result|error)\.(\d+)\.(json|repr\.txt) <==\n/g;

export async function readTaskResults(runner: CommandRunner, jobDir: string, signal?: AbortSignal): Promise<TaskFiles> {
  const { stdout, stderr, exitCode } = await runner.run(['sh', '-c', script, 'sh', jobDir, String(maxTaskResultBytes), String(maxResultsBytes)], { timeoutMs: 60_000, ...(signal ? { signal } : {}) });
  if (exitCode === 3) throw new AppError('job-folder-missing', `The job folder ${jobDir} cannot be opened on the cluster (${stderr.trim() || 'cd failed'}); it may have been moved or deleted.`);
  return parseTaskFiles(stdout);
}

/** Splits `head -v` output back into files; exported for tests, which feed it real `head` output. */
export function parseTaskFiles(output: string): TaskFiles {
  const files = new Map<number, TaskFile[]>();
  const matches = [...output.matchAll(header)];
  matches.forEach((match, index) => {
    const from = match.index + match[0].length;
    const to = matches[index + 1]?.index ?? output.length;
    // head separates files with a line break before the next header: not part of the file.
    const text = output.slice(from, to).replace(/\n$/, '');
    const task = Number(match[2]);
    const kind = match[1] === 'error' ? 'error' : match[3] === 'json' ? 'result' : 'repr';
    const list = files.get(task) ?? [];
    list.push({ task, kind, text, cut: new TextEncoder().encode(text).length >= maxTaskResultBytes });
    files.set(task, list);
  });
  return { files, truncated: new TextEncoder().encode(output).length >= maxResultsBytes };
}
