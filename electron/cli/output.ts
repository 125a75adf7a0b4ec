import { visibleText } from '../../shared/security/visibleText';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason } from '../../shared/jobs/jobState';

type Stream = { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };

/**
 * Every byte the CLI writes goes through here. Text for a person may carry what a server or a
 * cluster chose (job names, reasons, host names, prompts, error messages), so it is written
 * through `visibleText`: an escape sequence could set the clipboard (OSC 52), retitle the window
 * or draw a fake prompt over a real one. Like OpenSSH's own messages, this holds whether or not
 * the stream is a terminal. Job logs are data: escaped on a terminal, as they are elsewhere.
 */
export type Output = {
  json: boolean;
  /** The command's answer on stdout: one JSON document with --json, else text for a person. */
  print(value: unknown, text: () => string): void;
  /** A line for the person on stderr (progress, warnings, errors). */
  log(text: string): void;
  /** A job's output: on a terminal shown escaped unless `raw`; to a pipe or a file as it is. */
  data(bytes: Uint8Array, options: { raw: boolean }): void;
  /** Whether stdout is a terminal. */
  readonly terminal: boolean;
};

export function createOutput(json: boolean, streams: { stdout: Stream; stderr: Stream } = { stdout: process.stdout, stderr: process.stderr }): Output {
  const decoder = new TextDecoder();
  const terminal = streams.stdout.isTTY === true;
  return {
    json,
    terminal,
    print: (value, text) => streams.stdout.write(json ? `${jsonText(value)}\n` : `${visibleText(text(), { keepLines: true })}\n`),
    log: (text) => streams.stderr.write(`${visibleText(text, { keepLines: true })}\n`),
    data: (bytes, options) => {
      if (options.raw || !terminal) streams.stdout.write(bytes);
      else streams.stdout.write(visibleText(decoder.decode(bytes, { stream: true }), { keepLines: true }));
    },
  };
}

/**
 * JSON as a program reads it and a terminal shows it harmlessly: JSON.stringify escapes C0
 * controls, and the characters it leaves as they are (DEL, C1 controls such as U+009B, which
 * some terminals take for CSI, bidirectional and line formatting) are written as \u escapes
 * too. The data is the same; only its spelling differs.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A value from a cluster shown on one line of a table or a message. */
export function shown(text: string): string {
  return visibleText(text);
}

export function jobLine(job: JobSummary): string {
  const reason = describeReason(job.reason);
  const exit = job.exit && job.exit.code !== 0 ? ` exit ${job.exit.code}` : '';
  const tasks = job.tasks ? ` [${Object.entries(job.tasks.counts).map(([state, count]) => `${count} ${state.toLowerCase()}`).join(', ')}]` : '';
  const cluster = shown(job.cluster).padEnd(10);
  return `${job.id}  ${shown(job.slurmId ?? '-').padEnd(8)}  ${cluster}  ${job.state.padEnd(13)}  ${shown(job.name)}${tasks}${exit}${reason ? ` (${shown(reason)})` : ''}`;
}

export function jobTable(jobs: readonly JobSummary[]): string {
  if (jobs.length === 0) return 'No jobs yet. Submit one with: slurmdesk submit --cluster embedded SCRIPT';
  const header = `${'ID'.padEnd(19)}  ${'SLURM'.padEnd(8)}  ${'CLUSTER'.padEnd(10)}  ${'STATE'.padEnd(13)}  NAME`;
  return [header, ...jobs.map(jobLine)].join('\n');
}
