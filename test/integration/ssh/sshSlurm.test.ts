import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventHub } from '../../../shared/contract/eventHub';
import { isTerminal } from '../../../shared/jobs/jobState';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { MemoryCredentialStore } from '../../../electron/services/credentials/memoryCredentialStore';
import { silentLogger } from '../../../electron/services/log';
import { startCluster, stopCluster } from '../slurm/slurmCluster';
import { describeWithSshd, killTargetSessions, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';
import { knownHostsText, ScriptedPerson } from './sshHarness';
import { slurmUnavailableReason } from '../slurm/slurmCluster';

let env: SshdEnv;
let services: AppServices;
let dataDir: string;
const transfers: { path: string; transferred: number; total: number }[] = [];
const person = () => new ScriptedPerson({ password: [env.password] });

async function waitForEnd(id: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = services.engine.get(id);
    if (isTerminal(record.state)) return record;
    if (Date.now() > deadline) throw new Error(`${id} still ${record.state}`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await services.tracker.refresh(record.cluster);
  }
}

// Jobs submitted over SSH run on the real Slurm as the test user; results come back over SFTP.
describeWithSshd('the job engine over SSH to a real Slurm', () => {
  beforeAll(async () => {
    const noSlurm = slurmUnavailableReason();
    if (noSlurm) throw new Error(noSlurm);
    await startCluster('plain');
    env = await startSshd();
    dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-ssh-engine-'));
    const knownHostsFile = join(dataDir, 'known_hosts');
    writeFileSync(knownHostsFile, knownHostsText(env));
    const hub = new EventHub();
    hub.subscribe((event, payload) => {
      if (event === 'transfer.progress') transfers.push(payload as (typeof transfers)[number]);
    });
    services = openAppServices({
      dataDir,
      electronVersion: null,
      openExternal: async () => false,
      hub,
      log: silentLogger,
      backgroundRefresh: false,
      authPrompter: person(),
      credentials: new MemoryCredentialStore(),
      knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
    });
    const keyAuth = { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false };
    services.profiles.save({ name: 'hpc', host: env.host, port: env.targetPort, user: env.user, auth: keyAuth, hostKeyPolicy: 'reject' });
    services.profiles.save({
      name: 'hpc-via-jump', host: env.host, port: env.targetPort, user: env.user, hostKeyPolicy: 'reject',
      auth: { agent: false, keyFiles: [], password: true, keyboardInteractive: false },
      jump: [{ host: env.host, port: env.jumpPort, user: env.user, auth: keyAuth }],
    });
  }, 200_000);
  afterAll(async () => {
    await services?.close();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('submits a Python task over SSH; it runs as the test user and its result comes back', async () => {
    const project = mkdtempSync(join(tmpdir(), 'slurmdesk-ssh-project-'));
    // A line of its own per run: the cluster's content cache would otherwise already hold the file, and send nothing.
    writeFileSync(join(project, 'who.py'), `# run ${Date.now()}\nimport getpass, os\n\ndef who(n):\n    return {"user": getpass.getuser(), "n": n * 2, "job": os.environ.get("SLURM_JOB_ID")}\n`);
    const job = await services.engine.submit({
      name: 'who', cluster: 'hpc', task: { kind: 'python', target: 'who.py:who', args: [21] }, upload: { root: project, include: ['who.py'] },
    });
    expect(job.jobDir.startsWith(`${env.home}/slurm_jobs/who/`)).toBe(true);
    const done = await waitForEnd(job.id);
    expect(done.state).toBe('COMPLETED');
    const { readResult } = await import('../../../electron/services/jobs/jobOutputs');
    expect(await readResult(services.backend('hpc').files, done, null)).toEqual({ kind: 'json', value: { user: env.user, n: 42, job: done.slurmId } });
    // The upload went over SFTP as a stream, announced as transfer.progress and audited.
    expect(transfers.at(-1)).toMatchObject({ path: 'who.py', transferred: transfers.at(-1)!.total });
    expect(readFileSync(join(dataDir, 'audit', 'audit.jsonl'), 'utf8')).toMatch(/"event":"transfer","cluster":"hpc","direction":"upload"/);
  });

  it('submits and collects through a jump host, with a password typed for the target', async () => {
    const job = await services.engine.submit({ name: 'hop', cluster: 'hpc-via-jump', task: { kind: 'script', body: 'echo "via $(hostname) as $(id -un)"' } });
    const done = await waitForEnd(job.id);
    expect(done.state).toBe('COMPLETED');
    const { readLog } = await import('../../../electron/services/jobs/jobOutputs');
    expect((await readLog(services.backend('hpc-via-jump').files, done, { stream: 'stdout', task: null })).text).toMatch(new RegExp(`as ${env.user}`));
  });

  it('keeps tracking when the server side of the session is killed mid-refresh', async () => {
    const job = await services.engine.submit({ name: 'long', cluster: 'hpc', task: { kind: 'script', body: 'sleep 4; echo done' } });
    await services.tracker.refresh('hpc');
    await Promise.all([services.tracker.refresh('hpc'), killTargetSessions()]);
    const done = await waitForEnd(job.id);
    expect(done.state).toBe('COMPLETED');
  });

  it('leaves the password nowhere: data folder, journal, audit log, job folders', async () => {
    const hits: string[] = [];
    const scan = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        const info = statSync(path);
        if (info.isDirectory()) scan(path);
        else if (info.size < 50_000_000 && readFileSync(path).includes(env.password)) hits.push(path);
      }
    };
    scan(dataDir);
    scan(join(env.home, 'slurm_jobs'));
    expect(hits).toEqual([]);
  });
});
