import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/errors';
import { JobOutputCache, maxCachedChunks, maxCachedLogBytes } from '../../../../../electron/services/jobs/outputCache';
import { freshOrCached } from '../../../../../electron/services/jobs/staleFallback';
import { isUnreachable } from '../../../../../electron/services/jobs/unreachable';

const root = mkdtempSync(join(tmpdir(), 'slurmdesk-outputcache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const job = 'sd-00000000000000aa';
const stdout = { stream: 'stdout' as const, task: null };
const fetchedAt = new Date('2026-03-04T05:06:07.000Z');

function chunk(offset: number, text: string, size: number) {
  return { text, offset, nextOffset: offset + new TextEncoder().encode(text).length, size };
}

describe('JobOutputCache', () => {
  it('keeps its files private (folder 0700, files 0600)', async () => {
    const dir = join(root, 'private', 'cache');
    const cache = new JobOutputCache(dir);
    await cache.rememberLog(job, stdout, chunk(0, 'hello\n', 6));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, job)).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(join(dir, job))) expect(statSync(join(dir, job, name)).mode & 0o777).toBe(0o600);
  });

  it('answers a tail with the newest end, and an offset with the chunk that holds it, cut on characters', async () => {
    const cache = new JobOutputCache(join(root, 'recall'), () => fetchedAt);
    await cache.rememberLog(job, stdout, chunk(100, 'middle ü part\n', 300));
    await cache.rememberLog(job, stdout, chunk(200, 'the end\n', 208));
    expect(await cache.recallLog(job, { ...stdout, tail: true })).toEqual({ ...chunk(200, 'the end\n', 208), fetchedAt: fetchedAt.toISOString() });
    expect((await cache.recallLog(job, { ...stdout, tail: true, length: 4 }))?.text).toBe('end\n');
    // Offset 107 starts "ü" (2 bytes); a 3-byte read from 105 cannot end inside it.
    expect(await cache.recallLog(job, { ...stdout, offset: 105, length: 3 })).toMatchObject({ text: 'e ', offset: 105, nextOffset: 107 });
    expect(await cache.recallLog(job, { ...stdout, offset: 107 })).toMatchObject({ text: 'ü part\n', nextOffset: 115 });
    expect(await cache.recallLog(job, { ...stdout, offset: 0 })).toBeNull();
    expect(await cache.recallLog(job, { stream: 'stderr', task: null, tail: true })).toBeNull();
  });

  it(`keeps at most ${maxCachedChunks} chunks and ${maxCachedLogBytes} bytes per stream, the most recent`, async () => {
    const cache = new JobOutputCache(join(root, 'bounded'));
    for (let index = 0; index < maxCachedChunks + 3; index += 1) await cache.rememberLog(job, stdout, chunk(index * 10, `line ${index}...\n`.slice(0, 10), 1000));
    expect(await cache.recallLog(job, { ...stdout, offset: 0 })).toBeNull();
    expect(await cache.recallLog(job, { ...stdout, offset: 20 })).toBeNull();
    expect((await cache.recallLog(job, { ...stdout, offset: 30 }))?.text).toMatch(/^line 3/);
    const huge = 'x'.repeat(maxCachedLogBytes - 5);
    await cache.rememberLog(job, stdout, chunk(5000, huge, 10_000_000));
    expect(await cache.recallLog(job, { ...stdout, offset: 100 })).toBeNull();
    expect((await cache.recallLog(job, { ...stdout, tail: true }))?.offset).toBe(5000);
  });

  it('keeps results but not "no result yet", and survives a damaged file', async () => {
    const dir = join(root, 'results');
    const cache = new JobOutputCache(dir, () => fetchedAt);
    await cache.rememberResult(job, null, { kind: 'none', message: 'not yet' });
    expect(await cache.recallResult(job, null)).toBeNull();
    await cache.rememberResult(job, null, { kind: 'json', value: { a: [1, 2] } });
    expect(await cache.recallResult(job, null)).toEqual({ kind: 'json', value: { a: [1, 2] }, fetchedAt: fetchedAt.toISOString() });
    writeFileSync(join(dir, job, 'result-main.json'), '{broken');
    expect(await cache.recallResult(job, null)).toBeNull();
  });

  it('refuses a job id that could name another folder', async () => {
    await expect(new JobOutputCache(root).rememberResult('../x', null, { kind: 'repr', text: 'x' })).rejects.toThrow(/Not a job id/);
  });
});

describe('freshOrCached', () => {
  const cache = new JobOutputCache(join(root, 'fallback'), () => fetchedAt);
  const remember = (value: { text: string; offset: number; nextOffset: number; size: number }) => cache.rememberLog(job, stdout, value);
  const recall = () => cache.recallLog(job, { ...stdout, tail: true });

  it('answers fresh and keeps a copy; when unreachable, answers the copy marked stale', async () => {
    const fresh = await freshOrCached(async () => chunk(0, 'fetched\n', 8), remember, recall);
    expect(fresh).toMatchObject({ text: 'fetched\n', stale: false });
    await expect.poll(recall).not.toBeNull();
    const stale = await freshOrCached(() => Promise.reject(new AppError('unreachable', 'hpc cannot be reached')), remember, recall);
    expect(stale).toEqual({ ...chunk(0, 'fetched\n', 8), stale: true, fetchedAt: fetchedAt.toISOString() });
  });

  it('reports any other failure as it is, and unreachable with nothing kept too', async () => {
    await expect(freshOrCached(() => Promise.reject(new AppError('permission-denied', 'no')), remember, recall)).rejects.toThrow('no');
    await expect(freshOrCached(() => Promise.reject(new AppError('unreachable', 'gone')), remember, async () => null)).rejects.toThrow('gone');
  });

  it('knows which failures mean "out of reach"', () => {
    for (const code of ['unreachable', 'ssh-failed', 'connection-closed', 'scheduler-unreachable']) expect(isUnreachable(new AppError(code, ''))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isUnreachable(new Error('No response from server'))).toBe(true);
    expect(isUnreachable(new AppError('file-not-found', ''))).toBe(false);
    expect(isUnreachable(Object.assign(new Error('denied'), { code: 'EACCES' }))).toBe(false);
  });
});
