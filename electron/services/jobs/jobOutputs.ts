import { posix } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import type { ClusterFiles, FileEntry } from '../backends/types';
import { jobFiles } from './jobFolder';

export const maxLogChunk = 1024 * 1024;
/**
 * The largest result the app parses and sends to a window. A result is read as a tree, and
 * nobody reads 16 MiB of JSON that way; below it, parsing and sending cost main a bounded,
 * measured amount (test/proof/bigOutputs.test.ts), while a 200 MB result.json once took 1.8 GB
 * and blocked every other request for seconds. Larger results are data files: the window offers
 * to download them or to show their beginning.
 */
export const maxShownResultBytes = 16 * 1024 * 1024;

export type LogChunk = { text: string; offset: number; nextOffset: number; size: number };
/** A piece of a log as its bytes, for a terminal that wants them as they are. */
export type LogBytes = { bytes: Uint8Array; offset: number; nextOffset: number; size: number };
type LogRequest = { stream: 'stdout' | 'stderr'; task: number | null; offset?: number; length?: number; tail?: boolean };

/**
 * A piece of a log by byte offset: `tail` reads the last `length` bytes, otherwise from `offset`.
 * Only whole UTF-8 characters are returned; `nextOffset` is where the next read continues, so a
 * 10 GB log costs what is shown.
 */
export async function readLog(files: ClusterFiles, record: JobRecord, request: LogRequest): Promise<LogChunk> {
  const { bytes, ...place } = await readLogBytes(files, record, request);
  return { text: new TextDecoder().decode(bytes), ...place };
}

/** `readLog` without decoding: the bytes end on a character boundary, as the file holds them. */
export async function readLogBytes(files: ClusterFiles, record: JobRecord, request: LogRequest): Promise<LogBytes> {
  const name = request.stream === 'stdout' ? jobFiles.stdout(request.task) : jobFiles.stderr(request.task);
  return readLogAt(files, posix.join(record.jobDir, name), request);
}

/** A piece of any log file by its path (a job's StdOut as Slurm reports it), with the same bounds. */
export async function readLogAt(files: ClusterFiles, path: string, request: Pick<LogRequest, 'offset' | 'length' | 'tail'>): Promise<LogBytes> {
  const info = await files.stat(path);
  if (!info) return { bytes: new Uint8Array(), offset: 0, nextOffset: 0, size: 0 };
  const length = Math.min(request.length ?? 64 * 1024, maxLogChunk);
  let offset = request.tail ? Math.max(0, info.size - length) : Math.min(request.offset ?? 0, info.size);
  let bytes = (await files.readFile(path, { offset, length })) ?? new Uint8Array();
  if (request.tail && offset > 0) {
    // Start on a character boundary: skip continuation bytes of a character cut at the front.
    let skip = 0;
    while (skip < bytes.length && skip < 3 && (bytes[skip]! & 0xc0) === 0x80) skip += 1;
    bytes = bytes.subarray(skip);
    offset += skip;
  }
  const whole = wholeCharacters(bytes);
  return { bytes: whole, offset, nextOffset: offset + whole.length, size: info.size };
}

/** Drops a multi-byte character cut at the end; the next read starts with it. */
export function wholeCharacters(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

export type JobResult =
  | { kind: 'json'; value: unknown }
  | { kind: 'repr'; text: string }
  | { kind: 'error'; type: string; message: string; traceback: string }
  | { kind: 'none'; message: string }
  /** `file` is relative to the job folder (for jobs.download and jobs.readFile), `path` absolute on the cluster. */
  | { kind: 'too-large'; file: string; path: string; size: number; limit: number };

/**
 * What a Python task returned: its JSON, or for a value JSON cannot hold the text repr the runner
 * wrote. The pickle beside it is never read: unpickling runs code. A file larger than
 * `maxShownResultBytes` is neither read nor parsed: the answer says where it is and how big.
 */
export async function readResult(files: ClusterFiles, record: JobRecord, task: number | null): Promise<JobResult> {
  const json = await readShown(files, record, jobFiles.result(task));
  if (isTooLarge(json)) return json;
  if (json !== null) {
    try {
      return { kind: 'json', value: JSON.parse(json) };
    } catch {
      throw new AppError('result-unreadable', `${jobFiles.result(task)} of job ${record.id} is not valid JSON; the job folder is ${record.jobDir}.`);
    }
  }
  const repr = await readShown(files, record, jobFiles.resultRepr(task));
  if (isTooLarge(repr)) return repr;
  if (repr !== null) return { kind: 'repr', text: repr };
  const error = await readShown(files, record, jobFiles.error(task));
  if (isTooLarge(error)) return error;
  if (error !== null) {
    try {
      const parsed = JSON.parse(error) as { type?: unknown; message?: unknown; traceback?: unknown };
      return { kind: 'error', type: String(parsed.type ?? 'Error'), message: String(parsed.message ?? ''), traceback: String(parsed.traceback ?? '') };
    } catch {
      return { kind: 'error', type: 'Error', message: error.slice(0, 10_000), traceback: '' };
    }
  }
  const message = record.spec.task.kind === 'script' ? 'Script jobs have no result; see their output.' : `Job ${record.id} has no result yet (state ${record.state}).`;
  return { kind: 'none', message };
}

type TooLarge = Extract<JobResult, { kind: 'too-large' }>;

/** A result file's text; null when it is absent; its size and place when it is too large to show. */
async function readShown(files: ClusterFiles, record: JobRecord, file: string): Promise<string | TooLarge | null> {
  const path = posix.join(record.jobDir, file);
  const info = await files.stat(path);
  if (!info) return null;
  if (info.size > maxShownResultBytes) return { kind: 'too-large', file, path, size: info.size, limit: maxShownResultBytes };
  return readSmall(files, path, info.size);
}

function isTooLarge(read: string | TooLarge | null): read is TooLarge {
  return typeof read === 'object' && read !== null;
}

async function readSmall(files: ClusterFiles, path: string, size?: number): Promise<string | null> {
  const length = size ?? (await files.stat(path))?.size;
  if (length === undefined) return null;
  if (length > maxShownResultBytes) {
    throw new AppError('file-too-large', `${posix.basename(path)} is ${length} bytes, more than the app reads at once; it is in ${posix.dirname(path)}.`);
  }
  const bytes = await files.readFile(path, { offset: 0, length });
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

export async function listJobFiles(files: ClusterFiles, record: JobRecord): Promise<FileEntry[]> {
  return (await files.list(record.jobDir)).filter((entry) => !entry.name.startsWith('.tmp'));
}

export type EndMarker = { exitCode: number; endedAt: string | null };

/** The end marker the batch script writes; null when the job never got that far. */
export async function readEndMarker(files: ClusterFiles, record: JobRecord): Promise<EndMarker | null> {
  const text = await readSmall(files, posix.join(record.jobDir, jobFiles.ended(null))).catch(() => null);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { exitCode?: unknown; endedAt?: unknown };
    if (typeof parsed.exitCode !== 'number') return null;
    return { exitCode: parsed.exitCode, endedAt: typeof parsed.endedAt === 'string' ? parsed.endedAt : null };
  } catch {
    return null;
  }
}
