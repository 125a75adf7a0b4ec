import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { downloadFile, uploadFile, type TransferProgress } from '../../../electron/services/ssh/transfers/sftpTransfer';
import { TransferQueue } from '../../../electron/services/ssh/transfers/transferQueue';
import { describeWithSshd, readSshdEnv, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';
import { sshBackend } from './sshHarness';

const MiB = 1024 * 1024;
let env: SshdEnv;
let backend: ReturnType<typeof sshBackend>['backend'];
let sftp: SFTPWrapper;
let local: string; // scratch folder on this side
let remoteDir: string; // the same folder seen by the test user over SFTP and by this root process through fs
let source: string; // 64 MiB of random bytes
let sourceHash: string;

const sha256 = (path: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
const remote = (name: string) => `${remoteDir}/${name}`;
const leftovers = (folder: string) => readdirSync(folder).filter((name) => name.startsWith('.tmp-'));
const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

/** Aborts on the first progress report, and calls `then` with it (while the transfer is mid-way). */
function abortOnFirstProgress(then: (progress: TransferProgress) => void = () => {}) {
  const controller = new AbortController();
  const seen: TransferProgress[] = [];
  const onProgress = (progress: TransferProgress) => {
    seen.push(progress);
    if (seen.length === 1) {
      then(progress);
      controller.abort();
    }
  };
  return { signal: controller.signal, onProgress, seen };
}

/** The test plays a server without posix-rename@openssh.com: ssh2 refuses the request before sending it. */
function withoutPosixRename(real: SFTPWrapper): SFTPWrapper {
  return new Proxy(real, {
    get(target, property) {
      if (property === 'ext_openssh_rename') {
        return () => {
          throw new Error('Server does not support this extended request');
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Another engineer's suite may hold the servers: reuse them when start refuses but they run. */
async function startOrReuseSshd(): Promise<SshdEnv> {
  try {
    return await startSshd();
  } catch (error) {
    try {
      execFileSync('bash', ['test/daemons/sshd.sh', 'status'], { stdio: 'ignore' });
    } catch {
      throw error;
    }
    console.warn(`reusing the running test sshd: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return readSshdEnv();
  }
}

describeWithSshd('SFTP transfers against a real OpenSSH server', () => {
  beforeAll(async () => {
    env = await startOrReuseSshd();
    ({ backend } = sshBackend(env));
    sftp = await backend.connection.sftp();
    local = mkdtempSync(join(tmpdir(), 'slurmdesk-transfers-'));
    remoteDir = `${env.home}/transfers-${randomBytes(4).toString('hex')}`;
    await new Promise<void>((resolve, reject) => sftp.mkdir(remoteDir, (error) => (error ? reject(error) : resolve())));
    source = join(local, 'source.bin');
    writeFileSync(source, randomBytes(64 * MiB));
    sourceHash = await sha256(source);
  }, 60_000);

  afterAll(async () => {
    await backend?.close();
    if (remoteDir) rmSync(remoteDir, { recursive: true, force: true });
    if (local) rmSync(local, { recursive: true, force: true });
    await stopSshd();
  }, 60_000);

  it('uploads and downloads 64 MiB intact both ways, with throttled, monotonic progress ending at the total', async () => {
    const total = 64 * MiB;
    const reports: { upload: TransferProgress[]; download: TransferProgress[] } = { upload: [], download: [] };
    let started = performance.now();
    await uploadFile(sftp, source, remote('data.bin'), { mode: 0o640, onProgress: (progress) => reports.upload.push(progress) });
    const uploadMs = performance.now() - started;
    expect(await sha256(remote('data.bin'))).toBe(sourceHash);
    expect(statSync(remote('data.bin')).mode & 0o777).toBe(0o640);

    started = performance.now();
    await downloadFile(sftp, remote('data.bin'), join(local, 'back.bin'), { onProgress: (progress) => reports.download.push(progress) });
    const downloadMs = performance.now() - started;
    expect(await sha256(join(local, 'back.bin'))).toBe(sourceHash);

    for (const [direction, ms] of [['upload', uploadMs], ['download', downloadMs]] as const) {
      const seen = reports[direction];
      expect(seen.length, direction).toBeGreaterThanOrEqual(2);
      expect(seen.every((progress) => progress.total === total && progress.bytesPerSecond >= 0)).toBe(true);
      expect(seen.every((progress, index) => index === 0 || progress.transferred >= seen[index - 1]!.transferred)).toBe(true);
      expect(seen.at(-1)).toMatchObject({ transferred: total, total });
      expect(seen.at(-1)!.bytesPerSecond).toBeGreaterThan(0);
      // At most one report per 100 ms, one at the start and one at the end.
      expect(seen.length, `${seen.length} reports in ${ms.toFixed(0)} ms`).toBeLessThanOrEqual(Math.ceil(ms / 100) + 2);
    }
    expect(leftovers(remoteDir)).toEqual([]);
    expect(leftovers(local)).toEqual([]);
  });

  it('replaces an existing file on either side whole', async () => {
    writeFileSync(remote('replace.txt'), 'old remote contents that are longer than the new ones\n');
    writeFileSync(join(local, 'small.txt'), 'new\n');
    await uploadFile(sftp, join(local, 'small.txt'), remote('replace.txt'));
    expect(readFileSync(remote('replace.txt'), 'utf8')).toBe('new\n');
    writeFileSync(join(local, 'replace-local.txt'), 'old local contents\n');
    await downloadFile(sftp, remote('replace.txt'), join(local, 'replace-local.txt'));
    expect(readFileSync(join(local, 'replace-local.txt'), 'utf8')).toBe('new\n');
    writeFileSync(join(local, 'empty.txt'), '');
    await uploadFile(sftp, join(local, 'empty.txt'), remote('empty.txt'));
    expect(statSync(remote('empty.txt')).size).toBe(0);
  });

  it('falls back to unlink and rename on a server without posix-rename', async () => {
    writeFileSync(remote('fallback.txt'), 'old\n');
    writeFileSync(join(local, 'fallback.txt'), 'replaced without posix-rename\n');
    await uploadFile(withoutPosixRename(sftp), join(local, 'fallback.txt'), remote('fallback.txt'));
    expect(readFileSync(remote('fallback.txt'), 'utf8')).toBe('replaced without posix-rename\n');
    expect(leftovers(remoteDir)).toEqual([]);
  });

  it('cancels an upload mid-way: no temporary file, no target, and an existing target untouched', async () => {
    const fresh = abortOnFirstProgress();
    await expect(uploadFile(sftp, source, remote('cancelled.bin'), fresh)).rejects.toMatchObject({
      code: 'transfer-cancelled',
      message: expect.stringContaining(remote('cancelled.bin')),
    });
    expect(fresh.seen[0]!.transferred).toBeLessThan(64 * MiB);
    expect(existsSync(remote('cancelled.bin'))).toBe(false);
    expect(leftovers(remoteDir)).toEqual([]);

    writeFileSync(remote('kept.txt'), 'the version before\n');
    await expect(uploadFile(sftp, source, remote('kept.txt'), abortOnFirstProgress())).rejects.toMatchObject({ code: 'transfer-cancelled' });
    expect(readFileSync(remote('kept.txt'), 'utf8')).toBe('the version before\n');
    expect(leftovers(remoteDir)).toEqual([]);
  });

  it('cancels a download mid-way: no partial local file', async () => {
    const folder = mkdtempSync(join(local, 'cancel-download-'));
    const cancel = abortOnFirstProgress();
    await expect(downloadFile(sftp, remote('data.bin'), join(folder, 'data.bin'), cancel)).rejects.toMatchObject({ code: 'transfer-cancelled' });
    expect(cancel.seen[0]!.transferred).toBeLessThan(64 * MiB);
    expect(readdirSync(folder)).toEqual([]);
    await expect(downloadFile(sftp, remote('data.bin'), join(folder, 'never.bin'), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'transfer-cancelled',
    });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('says which folder or file is missing, on which side', async () => {
    await expect(uploadFile(sftp, source, `${remoteDir}/no-such-folder/data.bin`)).rejects.toMatchObject({
      code: 'transfer-failed',
      message: expect.stringContaining(`the folder ${remoteDir}/no-such-folder does not exist on the cluster`),
    });
    await expect(uploadFile(sftp, join(local, 'no-such-file.bin'), remote('x.bin'))).rejects.toMatchObject({
      code: 'transfer-failed',
      message: expect.stringContaining(`${join(local, 'no-such-file.bin')} does not exist on this computer`),
    });
    await expect(downloadFile(sftp, remote('no-such-file.bin'), join(local, 'x.bin'))).rejects.toMatchObject({
      code: 'transfer-failed',
      message: expect.stringContaining(`${remote('no-such-file.bin')} does not exist on the cluster`),
    });
    await expect(downloadFile(sftp, remote('data.bin'), join(local, 'no-such-folder', 'x.bin'))).rejects.toMatchObject({
      code: 'transfer-failed',
      message: expect.stringContaining(`the folder ${join(local, 'no-such-folder')} does not exist on this computer`),
    });
    expect(leftovers(remoteDir)).toEqual([]);
  });

  it('refuses to rename when the sizes disagree, leaving no file behind', async () => {
    // Mid-upload, the temporary file on the server grows past the end (as root, beside sftp-server).
    const grow = abortOnFirstProgress(() => {
      const [temporary] = leftovers(remoteDir);
      truncateSync(join(remoteDir, temporary!), 64 * MiB + 4096);
    });
    const upload = uploadFile(sftp, source, remote('grown.bin'), { onProgress: grow.onProgress });
    await expect(upload).rejects.toMatchObject({ code: 'transfer-size-mismatch', message: expect.stringContaining(remote('grown.bin')) });
    expect(existsSync(remote('grown.bin'))).toBe(false);
    expect(leftovers(remoteDir)).toEqual([]);

    // Mid-download, the file on the server shrinks.
    execFileSync('cp', ['--preserve=mode,ownership', remote('data.bin'), remote('shrinks.bin')]);
    const folder = mkdtempSync(join(local, 'mismatch-'));
    const shrink = abortOnFirstProgress(() => truncateSync(remote('shrinks.bin'), 1024));
    const download = downloadFile(sftp, remote('shrinks.bin'), join(folder, 'shrinks.bin'), { onProgress: shrink.onProgress });
    await expect(download).rejects.toMatchObject({ code: 'transfer-size-mismatch', message: expect.stringContaining('got shorter') });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('fails clearly, without hanging, when the SFTP channel closes mid-upload', async () => {
    const own = sshBackend(env).backend;
    try {
      const channel = await own.connection.sftp();
      const upload = uploadFile(channel, source, remote('dropped.bin'), { onProgress: () => channel.end() });
      await expect(upload).rejects.toMatchObject({ code: 'transfer-failed', message: expect.stringContaining('the connection to the cluster closed') });
      expect(existsSync(remote('dropped.bin'))).toBe(false);
    } finally {
      await own.close();
      for (const name of leftovers(remoteDir)) rmSync(join(remoteDir, name));
    }
  });

  it('runs at most two transfers of a connection at once, in order', async () => {
    const queue = new TransferQueue();
    let running = 0;
    let most = 0;
    const names = Array.from({ length: 6 }, (_, index) => `queued-${index}.bin`);
    for (const name of names) writeFileSync(join(local, name), randomBytes(2 * MiB));
    const watched = (name: string) =>
      queue.run(async () => {
        running += 1;
        most = Math.max(most, running);
        try {
          await uploadFile(await backend.connection.sftp(), join(local, name), remote(name));
        } finally {
          running -= 1;
        }
      });
    const cancelled = new AbortController();
    const results = Promise.allSettled([...names.map(watched), queue.upload(backend.connection, source, remote('never.bin'), { signal: cancelled.signal })]);
    expect(queue.running).toBe(2);
    cancelled.abort();
    const settled = await results;
    expect(settled.slice(0, -1).every((result) => result.status === 'fulfilled')).toBe(true);
    expect(settled.at(-1)).toMatchObject({ status: 'rejected', reason: { code: 'transfer-cancelled' } });
    expect(most).toBe(2);
    // Buffer.equals: a deep toEqual over 2 MiB takes seconds.
    for (const name of names) expect(readFileSync(remote(name)).equals(readFileSync(join(local, name))), name).toBe(true);
    expect(existsSync(remote('never.bin'))).toBe(false);
  });

  it('measures 256 MiB up and down against OpenSSH sftp -b on the same server (printed, not asserted)', async () => {
    const size = 256 * MiB;
    const big = join(local, 'big.bin');
    writeFileSync(big, randomBytes(size));
    const time = async (work: () => Promise<unknown> | unknown) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const ours = {
      up: await time(() => uploadFile(sftp, big, remote('big.bin'))),
      down: await time(() => downloadFile(sftp, remote('big.bin'), join(local, 'big-back.bin'))),
    };
    expect(statSync(join(local, 'big-back.bin')).size).toBe(size);
    const batch = (name: string, line: string) => {
      writeFileSync(join(local, name), `${line}\n`);
      return ['-q', '-b', join(local, name), '-i', env.clientKey, '-P', String(env.targetPort), '-o', `UserKnownHostsFile=${env.knownHosts}`, '-o', 'BatchMode=yes', `${env.user}@${env.host}`];
    };
    const openssh = {
      up: await time(() => execFileSync('sftp', batch('put.batch', `put ${big} ${remote('big-openssh.bin')}`), { stdio: 'ignore' })),
      down: await time(() => execFileSync('sftp', batch('get.batch', `get ${remote('big-openssh.bin')} ${join(local, 'big-openssh.bin')}`), { stdio: 'ignore' })),
    };
    expect(statSync(join(local, 'big-openssh.bin')).size).toBe(size);
    // Our download ends with an fsync; OpenSSH's get does not. What that costs here:
    const fsyncMs = await time(() => execFileSync('sync', [join(local, 'big-openssh.bin')]));
    const line = (direction: 'up' | 'down') =>
      `${direction.padEnd(4)} slurmdesk ${mbps(size, ours[direction]).toFixed(0)} MiB/s, OpenSSH sftp ${mbps(size, openssh[direction]).toFixed(0)} MiB/s, ratio ${(openssh[direction] / ours[direction]).toFixed(2)}`;
    console.log(
      `256 MiB over loopback SFTP (ratio = our speed / OpenSSH's):\n${line('up')}\n${line('down')} (ours includes an fsync; OpenSSH's get + fsync: ${mbps(size, openssh.down + fsyncMs).toFixed(0)} MiB/s)`,
    );
  });
});
