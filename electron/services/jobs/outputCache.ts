import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobResult, LogChunk } from './jobOutputs';

export type LogRequest = { stream: 'stdout' | 'stderr'; task: number | null; offset?: number; length?: number; tail?: boolean };
type CachedChunk = LogChunk & { fetchedAt: string };
type CachedLog = { chunks: CachedChunk[] };
export type Recalled<T> = T & { fetchedAt: string };

/** Per stream: the last few chunks read, and never more than this many bytes of text. */
export const maxCachedChunks = 8;
export const maxCachedLogBytes = 4 * 1024 * 1024;

const jobIdPattern = /^sd-[0-9a-f]{16}$/;

/**
 * What was last fetched of each job's logs and result, kept in the data folder (private, 0700) so
 * that a cluster that drops off the network leaves them viewable, marked stale. Bounded per
 * stream; a job's whole entry is one folder, easy to drop.
 */
export class JobOutputCache {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async rememberLog(jobId: string, request: LogRequest, chunk: LogChunk): Promise<void> {
    const path = this.path(jobId, `log-${request.stream}-${taskPart(request.task)}.json`);
    const existing = (await readJson<CachedLog>(path))?.chunks ?? [];
    // Most recent first; a chunk read again replaces its older copy.
    const chunks = [{ ...chunk, fetchedAt: this.now().toISOString() }, ...existing.filter((old) => old.offset !== chunk.offset || old.size !== chunk.size)];
    const kept: CachedChunk[] = [];
    let bytes = 0;
    for (const candidate of chunks) {
      const length = candidate.nextOffset - candidate.offset;
      if (kept.length >= maxCachedChunks || bytes + length > maxCachedLogBytes) break;
      kept.push(candidate);
      bytes += length;
    }
    await this.write(jobId, path, { chunks: kept } satisfies CachedLog);
  }

  /** The cached piece that answers the request (the newest end for a tail), or null. */
  async recallLog(jobId: string, request: LogRequest): Promise<Recalled<LogChunk> | null> {
    const cached = await readJson<CachedLog>(this.path(jobId, `log-${request.stream}-${taskPart(request.task)}.json`));
    if (!cached || cached.chunks.length === 0) return null;
    if (request.tail) {
      const last = cached.chunks.reduce((best, chunk) => (chunk.nextOffset > best.nextOffset ? chunk : best));
      return sliceChunk(last, Math.max(last.offset, last.nextOffset - (request.length ?? last.nextOffset - last.offset)), request.length);
    }
    const offset = request.offset ?? 0;
    const covering = cached.chunks.find((chunk) => chunk.offset <= offset && offset < chunk.nextOffset) ?? cached.chunks.find((chunk) => chunk.nextOffset === offset);
    return covering ? sliceChunk(covering, offset, request.length) : null;
  }

  async rememberResult(jobId: string, task: number | null, result: JobResult): Promise<void> {
    // "No result yet" is not worth keeping: it would hide the real one when it comes.
    if (result.kind === 'none') return;
    await this.write(jobId, this.path(jobId, `result-${taskPart(task)}.json`), { result, fetchedAt: this.now().toISOString() });
  }

  async recallResult(jobId: string, task: number | null): Promise<Recalled<JobResult> | null> {
    const cached = await readJson<{ result: JobResult; fetchedAt: string }>(this.path(jobId, `result-${taskPart(task)}.json`));
    return cached ? { ...cached.result, fetchedAt: cached.fetchedAt } : null;
  }

  async forget(jobId: string): Promise<void> {
    await rm(this.jobDir(jobId), { recursive: true, force: true });
  }

  private jobDir(jobId: string): string {
    if (!jobIdPattern.test(jobId)) throw new Error(`Not a job id: ${jobId}`);
    return join(this.dir, jobId);
  }

  private path(jobId: string, name: string): string {
    return join(this.jobDir(jobId), name);
  }

  private async write(jobId: string, path: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    await mkdir(this.jobDir(jobId), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(value), { mode: 0o600 });
    await rename(temporary, path);
  }
}

function taskPart(task: number | null): string {
  return task === null ? 'main' : String(task);
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return null; // missing or damaged: the cache is only a convenience
  }
}

/** The part of a cached chunk from `offset`, at most `length` bytes, cut on character boundaries. */
function sliceChunk(chunk: CachedChunk, offset: number, length: number | undefined): Recalled<LogChunk> {
  const bytes = new TextEncoder().encode(chunk.text);
  let start = offset - chunk.offset;
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start += 1;
  let end = length === undefined ? bytes.length : Math.min(bytes.length, start + length);
  while (end > start && end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  const piece = bytes.subarray(start, end);
  return { text: new TextDecoder().decode(piece), offset: chunk.offset + start, nextOffset: chunk.offset + end, size: chunk.size, fetchedAt: chunk.fetchedAt };
}
