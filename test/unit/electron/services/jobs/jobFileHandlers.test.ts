import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../../../shared/contract/dispatcher';
import type { EventPayload } from '../../../../../shared/contract/index';
import { AppError } from '../../../../../shared/errors';
import type { JobRecord } from '../../../../../shared/jobs/jobRecord';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';
import { createLocalBackend } from '../../../../../electron/services/backends/local/localBackend';
import { createJobFileHandlers } from '../../../../../electron/services/jobs/jobFileHandlers';

// The real local filesystem (what "This computer" and local Slurm use): a job folder in a temp
// folder, a secret beside it that no path may reach.
const root = mkdtempSync(join(tmpdir(), 'slurmdesk-jobfiles-'));
const jobDir = join(root, 'jobs', 'demo', '20260101_000000_abcdef12');
mkdirSync(join(jobDir, 'plots'), { recursive: true });
writeFileSync(join(jobDir, 'stdout.txt'), 'héllo wörld\n');
writeFileSync(join(jobDir, 'plots', 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]));
writeFileSync(join(root, 'secret.txt'), 'not for the window');
symlinkSync(join(root, 'secret.txt'), join(jobDir, 'leak.txt'));
symlinkSync(root, join(jobDir, 'outside'));
symlinkSync('stdout.txt', join(jobDir, 'same.txt'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const record: JobRecord = {
  id: 'sd-0123456789abcdef',
  name: 'demo-job',
  cluster: 'local',
  slurmId: '42',
  state: 'COMPLETED',
  reason: null,
  exit: { code: 0, signal: 0 },
  jobDir,
  submittedAt: '2026-01-01T00:00:00.000Z',
  startedAt: null,
  endedAt: null,
  tasks: null,
  cancelRequestedAt: null,
  spec: JobSpecSchema.parse({ name: 'demo-job', cluster: 'local', task: { kind: 'script', body: 'true' } }),
};

const progress: EventPayload<'transfer.progress'>[] = [];
const downloads = join(root, 'Downloads');
const handlers = createJobFileHandlers({
  jobs: { get: (id) => (id === record.id ? record : (() => { throw new AppError('job-not-found', id); })()) },
  backend: () => createLocalBackend(),
  downloadRoot: () => downloads,
  stagingDir: join(root, 'staging'),
  onTransfer: (event) => progress.push(event),
});
const context: CallContext = { signal: new AbortController().signal, transport: 'memory' };

async function refusal(pending: unknown): Promise<AppError> {
  const error = await Promise.resolve(pending).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('jobs.readFile', () => {
  it('reads a range as text, never cutting a UTF-8 character', async () => {
    // "é" is bytes 1-2: a 2-byte read from 0 stops before it and says where to go on.
    const first = await handlers['jobs.readFile']({ id: record.id, path: 'stdout.txt', offset: 0, length: 2, encoding: 'text' }, context);
    expect(first).toMatchObject({ encoding: 'text', text: 'h', offset: 0, nextOffset: 1, size: 14 });
    const rest = await handlers['jobs.readFile']({ id: record.id, path: 'stdout.txt', offset: 1, length: 1024, encoding: 'text' }, context);
    expect(rest).toMatchObject({ text: 'éllo wörld\n', nextOffset: 14 });
  });

  it('reads bytes as base64, through a link that stays inside the folder', async () => {
    const image = await handlers['jobs.readFile']({ id: record.id, path: 'plots/a.png', offset: 0, length: 1024, encoding: 'base64' }, context);
    expect(image.encoding === 'base64' && Buffer.from(image.base64, 'base64')).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]));
    const same = await handlers['jobs.readFile']({ id: record.id, path: 'same.txt', offset: 0, length: 5, encoding: 'text' }, context);
    expect(same.encoding === 'text' && same.text).toBe('héll');
  });

  it.each(['../../../secret.txt', '/etc/passwd', 'a\0b', 'plots/../../x'])('refuses %j in the handler too (the contract is not the only guard)', async (path) => {
    const error = await refusal(handlers['jobs.readFile']({ id: record.id, path, offset: 0, length: 10, encoding: 'text' }, context));
    expect(error.code).toBe('invalid-path');
    expect(error.details?.[0]?.path).toBe('path');
  });

  it('refuses a link that leads out of the job folder, directly or through a linked folder', async () => {
    for (const path of ['leak.txt', 'outside/secret.txt']) {
      const error = await refusal(handlers['jobs.readFile']({ id: record.id, path, offset: 0, length: 100, encoding: 'text' }, context));
      expect(error.code).toBe('invalid-path');
      expect(error.message).toMatch(/link/);
    }
  });

  it('says clearly when the file is missing or is a folder', async () => {
    expect((await refusal(handlers['jobs.readFile']({ id: record.id, path: 'nope.txt', offset: 0, length: 10, encoding: 'text' }, context))).code).toBe('file-not-found');
    expect((await refusal(handlers['jobs.readFile']({ id: record.id, path: 'plots', offset: 0, length: 10, encoding: 'text' }, context))).code).toBe('not-a-file');
  });
});

describe('jobs.download', () => {
  it('copies the file under downloads/<job name>/ with progress, and never overwrites an earlier copy', async () => {
    progress.length = 0;
    const big = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
    writeFileSync(join(jobDir, 'big.bin'), big);
    const first = await handlers['jobs.download']({ id: record.id, path: 'big.bin' }, context);
    expect(first).toEqual({ localPath: join(downloads, 'demo-job', 'big.bin'), size: big.length });
    expect(readFileSync(first.localPath).equals(big)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ cluster: 'local', direction: 'download', path: 'big.bin', transferred: big.length, total: big.length });
    const second = await handlers['jobs.download']({ id: record.id, path: 'big.bin' }, context);
    expect(second.localPath).toBe(join(downloads, 'demo-job', 'big (2).bin'));
    expect(readdirSync(join(downloads, 'demo-job')).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('refuses a link out of the folder', async () => {
    expect((await refusal(handlers['jobs.download']({ id: record.id, path: 'leak.txt' }, context))).code).toBe('invalid-path');
  });

  it('removes the partial file of a download an earlier run was stopped in, and leaves one under way', async () => {
    const folder = join(downloads, 'demo-job');
    mkdirSync(folder, { recursive: true });
    const earlier = join(folder, 'big.bin.0badf00d.part');
    const underWay = join(folder, 'other.bin.1234abcd.part');
    writeFileSync(earlier, 'half of it');
    writeFileSync(underWay, 'still coming');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(earlier, anHourAgo, anHourAgo);
    await handlers['jobs.download']({ id: record.id, path: 'stdout.txt' }, context);
    expect(existsSync(earlier)).toBe(false);
    expect(existsSync(underWay)).toBe(true);
    rmSync(underWay);
  });
});

describe('jobs.upload', () => {
  const upload = (name: string, offset: number, size: number, data: Buffer, final: boolean) =>
    handlers['jobs.upload']({ id: record.id, name, offset, size, dataBase64: data.toString('base64'), final }, context);

  it('gathers chunks in order and moves the whole file into the job folder only at the end', async () => {
    progress.length = 0;
    const a = Buffer.from('first,chunk\n');
    const b = Buffer.from('second,chunk\n');
    expect(await upload('plots/input.csv', 0, a.length + b.length, a, false)).toEqual({ received: a.length, done: false, path: null });
    expect(existsSync(join(jobDir, 'plots', 'input.csv'))).toBe(false);
    expect(await upload('plots/input.csv', a.length, a.length + b.length, b, true)).toEqual({ received: a.length + b.length, done: true, path: 'plots/input.csv' });
    expect(readFileSync(join(jobDir, 'plots', 'input.csv'), 'utf8')).toBe('first,chunk\nsecond,chunk\n');
    expect(statSync(join(jobDir, 'plots', 'input.csv')).mode & 0o777).toBe(0o640);
    expect(progress.map((event) => event.direction)).toContain('upload');
    expect(readdirSync(join(root, 'staging'))).toEqual([]);
  });

  it('removes staged chunks of an upload an earlier run was stopped in', async () => {
    const stagingDir = join(root, 'staging-after-crash');
    mkdirSync(stagingDir, { recursive: true });
    const earlier = join(stagingDir, '0123456789abcdef.part');
    writeFileSync(earlier, Buffer.alloc(1024));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(earlier, anHourAgo, anHourAgo);
    const fresh = createJobFileHandlers({ jobs: { get: () => record }, backend: () => createLocalBackend(), downloadRoot: () => downloads, stagingDir, onTransfer: () => {} });
    await fresh['jobs.upload']({ id: record.id, name: 'fresh.txt', offset: 0, size: 2, dataBase64: Buffer.from('hi').toString('base64'), final: true }, context);
    expect(readdirSync(stagingDir)).toEqual([]);
    expect(readFileSync(join(jobDir, 'fresh.txt'), 'utf8')).toBe('hi');
  });

  it('refuses a chunk out of order and a final chunk short of the size', async () => {
    await upload('x.txt', 0, 10, Buffer.from('12345'), false);
    expect((await refusal(upload('x.txt', 7, 10, Buffer.from('890'), false))).code).toBe('upload-out-of-order');
    await upload('y.txt', 0, 10, Buffer.from('12345'), false);
    expect((await refusal(upload('y.txt', 5, 10, Buffer.from('6'), true))).code).toBe('upload-incomplete');
  });

  it('refuses to write through a link out of the folder or into a missing folder', async () => {
    expect((await refusal(upload('outside/planted.txt', 0, 1, Buffer.from('x'), true))).code).toBe('invalid-path');
    expect(existsSync(join(root, 'planted.txt'))).toBe(false);
    expect((await refusal(upload('no/such/folder.txt', 0, 1, Buffer.from('x'), true))).message).toMatch(/does not exist/);
    expect((await refusal(upload('../escape.txt', 0, 1, Buffer.from('x'), true))).code).toBe('invalid-path');
  });

  it('refuses a target name that is a link out of the folder, leaving what it points at untouched', async () => {
    expect((await refusal(upload('leak.txt', 0, 3, Buffer.from('new'), true))).code).toBe('invalid-path');
    expect(readFileSync(join(root, 'secret.txt'), 'utf8')).toBe('not for the window');
  });
});
