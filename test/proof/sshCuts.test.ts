import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { EventHub } from '../../shared/contract/eventHub';
import { openAppServices, type AppServices } from '../../electron/services/appServices';
import { MemoryCredentialStore } from '../../electron/services/credentials/memoryCredentialStore';
import { silentLogger } from '../../electron/services/log';
import { downloadJobFile } from '../../electron/services/jobs/downloadJobFile';
import { isSshBackend } from '../../electron/services/ssh/sshBackend';
import { knownHostsText } from '../integration/ssh/sshHarness';
import { slurmUnavailableReason, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { describeWithSshd, killTargetSessions, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { seededRandom } from './support/hostileValues';
import { proofCount, recordCheck } from './support/proofRecorder';
import { untilOk } from './support/untilOk';

/**
 * The SSH transport cut from the server side (every sshd session process killed) during a
 * refresh, while a log is followed, and in the middle of an upload. Each time the app must
 * reconnect by itself; the job keeps being tracked (never marked failed); the log continues
 * where it was, without gaps or repeats; an upload either completes with the right bytes or fails
 * clearly, and never leaves a partial file at its destination nor its temporary beside it once
 * reconnected; a download either completes or fails clearly, leaving nothing in the downloads folder.
 */
const cuts = proofCount(50, 5);
let env: SshdEnv;
let services: AppServices;

describeWithSshd('SSH transport cut, again and again', () => {
  beforeAll(async () => {
    const noSlurm = slurmUnavailableReason();
    if (noSlurm) throw new Error(noSlurm);
    await startCluster('plain');
    env = await startSshd();
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-cuts-'));
    const knownHostsFile = join(dataDir, 'known_hosts');
    writeFileSync(knownHostsFile, knownHostsText(env));
    services = openAppServices({
      dataDir, electronVersion: null, openExternal: async () => false, hub: new EventHub(), log: silentLogger, backgroundRefresh: false,
      credentials: new MemoryCredentialStore(), knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
    });
    services.profiles.save({ name: 'hpc', host: env.host, port: env.targetPort, user: env.user, hostKeyPolicy: 'reject', auth: { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false } });
  }, 200_000);
  afterAll(async () => {
    await services?.close();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it(`refresh and log follow survive ${cuts} cuts each`, async () => {
    // Numbered lines, five a second, for as long as the test needs.
    const job = await services.engine.submit({ name: 'ticker', cluster: 'hpc', task: { kind: 'script', body: 'for i in $(seq 1 100000); do echo "line $i"; sleep 0.2; done' } });
    const deadline = Date.now() + 60_000;
    while (services.engine.get(job.id).state !== 'RUNNING' && Date.now() < deadline) {
      await services.tracker.refresh('hpc');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(services.engine.get(job.id).state).toBe('RUNNING');
    const random = seededRandom(5);
    const logs = services.handlers['jobs.logs'];
    const context = { signal: new AbortController().signal, transport: 'memory' as const };
    let offset = 0;
    let followed = '';
    const figures = { refreshCuts: 0, refreshRecovered: 0, markedFailed: 0, logCuts: 0, logRecovered: 0, maxRecoveryMs: 0 };
    const readMore = async () => {
      const chunk = await logs({ id: job.id, stream: 'stdout', task: null, offset, length: 64 * 1024, tail: false }, context);
      followed += chunk.text;
      offset = chunk.nextOffset;
    };
    /** Retries until the app has reconnected by itself; how long that took is a figure. */
    const untilRecovered = async (action: () => Promise<unknown>): Promise<boolean> => {
      const started = Date.now();
      while (Date.now() - started < 60_000) {
        try {
          await action();
          figures.maxRecoveryMs = Math.max(figures.maxRecoveryMs, Date.now() - started);
          return true;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      return false;
    };
    for (let cut = 0; cut < cuts; cut += 1) {
      // During a refresh: the cut lands while squeue runs over the connection.
      const refreshing = services.tracker.refresh('hpc').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, random.int(60)));
      await killTargetSessions();
      figures.refreshCuts += 1;
      await refreshing;
      if (await untilRecovered(() => services.tracker.refresh('hpc'))) figures.refreshRecovered += 1;
      if (services.engine.get(job.id).state !== 'RUNNING') figures.markedFailed += 1;

      // During log follow: a read in flight when the connection goes.
      const reading = readMore().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, random.int(40)));
      await killTargetSessions();
      figures.logCuts += 1;
      await reading;
      if (await untilRecovered(readMore)) figures.logRecovered += 1;
    }
    await untilRecovered(readMore);
    const lines = followed.split('\n').filter(Boolean);
    const expected = lines.map((_, index) => `line ${index + 1}`);
    const gapsOrRepeats = lines.filter((line, index) => line !== expected[index]).length;
    await services.engine.cancel([job.id]).catch(() => undefined);
    recordCheck({
      id: 'ssh-cut-refresh-log',
      area: 'fault',
      check: 'SSH transport cut during refresh and log follow',
      tried: `sshd's session processes killed ${figures.refreshCuts} times during a refresh and ${figures.logCuts} times during a log read of a running job on real Slurm`,
      attempts: figures.refreshCuts + figures.logCuts,
      lost: gapsOrRepeats,
      breached: figures.refreshCuts - figures.refreshRecovered + figures.logCuts - figures.logRecovered + figures.markedFailed,
      figures: { 'reconnected after refresh cuts': figures.refreshRecovered, 'reconnected after log cuts': figures.logRecovered, 'job marked failed': figures.markedFailed, 'log lines followed': lines.length, 'gaps or repeats': gapsOrRepeats, 'slowest recovery (ms)': figures.maxRecoveryMs },
    });
    expect(figures.refreshRecovered).toBe(figures.refreshCuts);
    expect(figures.logRecovered).toBe(figures.logCuts);
    expect(figures.markedFailed).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
    expect(gapsOrRepeats).toBe(0);
  });

  it(`an upload cut ${cuts} times either completes verified or fails clearly, never leaving a partial file`, async () => {
    const backend = services.backend('hpc');
    if (!isSshBackend(backend)) throw new Error('hpc is not an SSH cluster');
    const local = join(mkdtempSync(join(tmpdir(), 'slurmdesk-proof-upload-')), 'data.bin');
    // Large enough that most cuts land while bytes still move (loopback takes 24 MB before the kill lands).
    const bytes = randomBytes(128 * 1024 * 1024);
    writeFileSync(local, bytes);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const home = await untilOk(() => backend.files.homeDir());
    const folder = posix.join(home, `proof-uploads-${Date.now()}`);
    await untilOk(() => backend.files.mkdir(folder, 0o700));
    const random = seededRandom(8);
    const outcome = { completedVerified: 0, failedClearly: 0, partialInPlace: 0, completedCorrupt: 0, unclear: 0, cutMidway: 0 };
    for (let cut = 0; cut < cuts; cut += 1) {
      const target = posix.join(folder, `upload-${cut}.bin`);
      const cutAt = 0.05 + random.next() * 0.9;
      let cutting: Promise<void> | null = null;
      const upload = backend.files.uploadFrom!(local, target, 0o600, {
        onProgress: (progress) => {
          if (!cutting && progress.transferred >= progress.total * cutAt) cutting = killTargetSessions();
        },
      });
      const result = await upload.then(() => 'done' as const, (error: unknown) => error);
      await cutting;
      if (cutting) outcome.cutMidway += 1;
      const stat = await untilOk(() => backend.files.stat(target));
      if (result === 'done') {
        const remote = await untilOk(() => backend.runner.run(['sha256sum', target]));
        if (remote.stdout.split(' ')[0] === digest) outcome.completedVerified += 1;
        else outcome.completedCorrupt += 1;
      } else if (result instanceof AppError && result.message.length > 0) {
        outcome.failedClearly += 1;
        if (stat !== null) outcome.partialInPlace += 1;
      } else {
        outcome.unclear += 1;
      }
    }
    // The next use reconnects, and a new connection first removes what cut uploads left.
    const leftovers = (await untilOk(() => backend.files.list(folder))).filter((entry) => entry.name.startsWith('.tmp-')).length;
    recordCheck({
      id: 'ssh-cut-upload',
      area: 'fault',
      check: 'SSH transport cut during upload',
      tried: `a 128 MB upload over SFTP, sshd's sessions killed at a random point of the transfer, ${cuts} times; the folder listed once reconnected`,
      attempts: cuts,
      lost: outcome.partialInPlace + outcome.completedCorrupt,
      breached: outcome.unclear,
      figures: { 'cut mid-transfer': outcome.cutMidway, 'completed and verified': outcome.completedVerified, 'failed with a clear error': outcome.failedClearly, 'partial file at destination': outcome.partialInPlace, 'temporary files left beside it after reconnecting': leftovers },
    });
    expect(leftovers).toBe(0);
    expect(outcome.partialInPlace).toBe(0);
    expect(outcome.completedCorrupt).toBe(0);
    expect(outcome.unclear).toBe(0);
    expect(outcome.cutMidway).toBe(cuts);
  });

  it(`a download cut ${cuts} times fails clearly and leaves nothing in the downloads folder`, async () => {
    const backend = services.backend('hpc');
    if (!isSshBackend(backend)) throw new Error('hpc is not an SSH cluster');
    const home = await untilOk(() => backend.files.homeDir());
    const source = posix.join(home, `proof-download-${Date.now()}.bin`);
    const local = join(mkdtempSync(join(tmpdir(), 'slurmdesk-proof-download-src-')), 'data.bin');
    writeFileSync(local, randomBytes(64 * 1024 * 1024));
    await untilOk(() => backend.files.uploadFrom!(local, source, 0o600, {}));
    const root = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-downloads-'));
    const random = seededRandom(11);
    const outcome = { cutMidway: 0, completed: 0, corrupt: 0, failedClearly: 0, unclear: 0, leftBehind: 0 };
    const unclearMessages: string[] = [];
    for (let cut = 0; cut < cuts; cut += 1) {
      const cutAt = 0.05 + random.next() * 0.9;
      let cutting: Promise<void> | null = null;
      const result = await downloadJobFile({
        files: backend.files, source, relative: 'data.bin', jobName: `cut-${cut}`, root,
        onProgress: (progress) => {
          if (!cutting && progress.transferred >= progress.total * cutAt) cutting = killTargetSessions();
        },
      }).then((done) => done, (error: unknown) => error);
      await cutting;
      if (cutting) outcome.cutMidway += 1;
      const left = readdirSync(join(root, `cut-${cut}`));
      if (isDownload(result)) {
        // Finished despite the cut (the piece in flight was read again on the new connection): it must be whole.
        if (readFileSync(result.localPath).equals(readFileSync(local))) outcome.completed += 1;
        else outcome.corrupt += 1;
      }
      else if (result instanceof AppError && /stopped after \d+ of \d+ bytes/.test(result.message)) outcome.failedClearly += 1;
      else {
        outcome.unclear += 1;
        unclearMessages.push(result instanceof Error ? result.message : String(result));
      }
      if (!isDownload(result) && left.length > 0) outcome.leftBehind += 1;
      // The app reconnects on its next use.
      await untilOk(() => backend.files.stat(source));
    }
    recordCheck({
      id: 'ssh-cut-download',
      area: 'fault',
      check: 'SSH transport cut during download',
      tried: `a 64 MB download of a job file (as jobs.download does it), sshd's sessions killed at a random point of the transfer, ${cuts} times`,
      attempts: cuts,
      lost: outcome.leftBehind + outcome.corrupt,
      breached: outcome.unclear,
      figures: { 'cut mid-transfer': outcome.cutMidway, 'completed and identical': outcome.completed, 'completed but different': outcome.corrupt, 'failed with a clear error': outcome.failedClearly, 'unclear errors': outcome.unclear, 'partial or temporary file left in downloads': outcome.leftBehind, ...(unclearMessages.length > 0 ? { 'unclear messages': unclearMessages.join(' | ').slice(0, 400) } : {}) },
    });
    expect(unclearMessages).toEqual([]);
    expect(outcome.corrupt).toBe(0);
    expect(outcome.leftBehind).toBe(0);
    expect(outcome.cutMidway).toBe(cuts);
  });
});

function isDownload(result: unknown): result is { localPath: string; size: number } {
  return typeof result === 'object' && result !== null && 'localPath' in result;
}
