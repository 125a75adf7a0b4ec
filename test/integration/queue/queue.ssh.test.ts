import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventHub } from '../../../shared/contract/eventHub';
import { isTerminal } from '../../../shared/jobs/jobState';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { MemoryCredentialStore } from '../../../electron/services/credentials/memoryCredentialStore';
import { silentLogger } from '../../../electron/services/log';
import { buildCli } from '../../../build/scripts/build.mjs';
import { runCli } from '../../support/runCliBinary';
import { slurmUnavailableReason, startCluster, stopCluster } from '../slurm/slurmCluster';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';
import { knownHostsText } from '../ssh/sshHarness';
import { auditEntries, call, until } from './queueHarness';

const run = promisify(execFile);

// The same queue over the real sshd: jobs the test user submitted in a terminal on the login node,
// seen, tailed and controlled from this computer through the SSH backend and the CLI.
describeWithSshd('the whole queue over SSH', () => {
  let env: SshdEnv;
  let services: AppServices;
  let folder: string;

  /** `sbatch` as the test user in its home, as in an SSH terminal on the cluster. */
  async function sbatchAsUser(args: string[]): Promise<string> {
    const { stdout } = await run('runuser', ['-u', env.user, '--', 'sbatch', '--parsable', ...args], { cwd: env.home });
    return stdout.trim();
  }

  beforeAll(async () => {
    const noSlurm = slurmUnavailableReason();
    if (noSlurm) throw new Error(noSlurm);
    await Promise.all([startCluster('plain'), buildCli()]);
    env = await startSshd();
    folder = mkdtempSync(join(tmpdir(), 'slurmdesk-queue-ssh-'));
    const knownHostsFile = join(folder, 'known_hosts');
    writeFileSync(knownHostsFile, knownHostsText(env));
    services = openAppServices({
      dataDir: join(folder, 'data'), electronVersion: null, openExternal: async () => false, hub: new EventHub(), log: silentLogger,
      backgroundRefresh: false, credentials: new MemoryCredentialStore(), knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
    });
    services.profiles.save({
      name: 'hpc', host: env.host, port: env.targetPort, user: env.user, hostKeyPolicy: 'reject',
      auth: { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false },
    });
  }, 200_000);

  afterAll(async () => {
    await services?.close();
    await stopSshd();
    await stopCluster();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 120_000);

  it('lists, tails and controls the user’s own sbatch jobs over SSH, from the services and the CLI', async () => {
    const running = await sbatchAsUser(['--time=10', '--job-name=terminal', '--output=out-%j.txt', '--wrap', 'echo "hello from $(id -un)"; sleep 300']);
    const waiting = await sbatchAsUser(['--begin=now+1hour', '--time=5', '--job-name=later', '--wrap', 'true']);
    const detail = (slurmId: string) => call(services, 'queue.job', { cluster: 'hpc', slurmId });

    const listed = await until('the job to run', async () => {
      const answer = await call(services, 'queue.list', { cluster: 'hpc', refresh: true });
      return answer.jobs.find((job) => job.slurmId === running)?.state === 'RUNNING' ? answer : undefined;
    });
    expect(listed.jobs.map((job) => [job.slurmId, job.user])).toEqual(expect.arrayContaining([[running, env.user], [waiting, env.user]]));
    expect(listed.status.accounting).toEqual({ state: 'unavailable', message: expect.stringMatching(/no job accounting/) });
    const tail = await until('the output to appear', async () => {
      const chunk = await call(services, 'queue.logs', { cluster: 'hpc', slurmId: running, tail: true });
      return chunk.text.includes('hello') ? chunk : undefined;
    });
    expect(tail).toMatchObject({ text: `hello from ${env.user}\n`, path: `${env.home}/out-${running}.txt` });

    await call(services, 'queue.control', { cluster: 'hpc', slurmIds: [waiting], action: 'hold' });
    expect((await detail(waiting)).reason).toBe('JobHeldUser');
    await call(services, 'queue.control', { cluster: 'hpc', slurmIds: [waiting], action: 'release' });
    expect((await call(services, 'queue.update', { cluster: 'hpc', slurmId: waiting, changes: { name: 'renamed', timeLimit: '2' } })).ok).toBe(true);
    expect(await detail(waiting)).toMatchObject({ name: 'renamed', timeLimitSeconds: 120 });
    expect((await call(services, 'queue.control', { cluster: 'hpc', slurmIds: [running], action: 'requeue' })).outcomes[0]!.ok).toBe(true);

    // The CLI, with its own data folder: the profile and the host's published fingerprint first.
    const home = join(folder, 'cli');
    const cli = (args: string[]) => runCli(args, { home });
    expect((await cli(['clusters', 'add', 'hpc', '--host', env.host, '--port', String(env.targetPort), '--user', env.user, '--key', env.clientKey])).code).toBe(0);
    expect((await cli(['hosts', 'trust', `${env.host}:${env.targetPort}`, '--fingerprint', env.targetFingerprint])).code).toBe(0);
    const queue = await cli(['queue', '--cluster', 'hpc', '--json']);
    expect((JSON.parse(queue.stdout) as { jobs: { slurmId: string }[] }).jobs.map((job) => job.slurmId)).toEqual(expect.arrayContaining([running, waiting]));
    expect((await cli(['hold', waiting, '--cluster', 'hpc'])).stdout).toBe(`Held ${waiting} (hpc)\n`);
    expect((await cli(['release', waiting, '--cluster', 'hpc'])).code).toBe(0);
    expect((await cli(['update', waiting, '--cluster', 'hpc', '--nice', '5'])).code).toBe(0);
    expect((await cli(['cancel', running, waiting, '--cluster', 'hpc'])).code).toBe(0);
    await until('both jobs to end', async () => ((await Promise.all([running, waiting].map(detail))).every((job) => isTerminal(job.state)) ? true : undefined));
    expect(auditEntries(join(home, 'data', 'audit', 'audit.jsonl'), 'job-control').map((entry) => [entry.action, entry.cluster])).toEqual([
      ['hold', 'hpc'], ['release', 'hpc'], ['update', 'hpc'], ['cancel', 'hpc'],
    ]);
  }, 150_000);
});
