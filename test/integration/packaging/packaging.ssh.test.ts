import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventHub } from '../../../shared/contract/eventHub';
import { isTerminal } from '../../../shared/jobs/jobState';
import type { JobSpecInput } from '../../../shared/jobs/jobSpec';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { MemoryCredentialStore } from '../../../electron/services/credentials/memoryCredentialStore';
import { readResult } from '../../../electron/services/jobs/jobOutputs';
import { silentLogger } from '../../../electron/services/log';
import { slurmUnavailableReason, startCluster, stopCluster } from '../slurm/slurmCluster';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';
import { knownHostsText, ScriptedPerson } from '../ssh/sshHarness';
import { writeProject } from './projectFixture';

let env: SshdEnv;
let services: AppServices;
let dataDir: string;
const sent: string[] = [];
/** A fresh job base per run: the content cache and the venv cache start empty, so "first" means first. */
const baseName = `slurm_jobs_packaging_${randomBytes(4).toString('hex')}`;

async function waitForEnd(id: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const record = services.engine.get(id);
    if (isTerminal(record.state)) return record;
    if (Date.now() > deadline) throw new Error(`${id} still ${record.state}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await services.tracker.refresh(record.cluster);
  }
}

function lastUploadAudit(): { bytes: number; outcome: string } {
  const lines = readFileSync(join(dataDir, 'audit', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; bytes: number; outcome: string });
  return lines.filter((line) => line.event === 'transfer').at(-1)!;
}

// One flow over the real sshd and the real Slurm: a packaged project, then the same project with one change.
describeWithSshd('a Python project shipped over SSH to a real Slurm', () => {
  beforeAll(async () => {
    const noSlurm = slurmUnavailableReason();
    if (noSlurm) throw new Error(noSlurm);
    await startCluster('plain');
    env = await startSshd();
    dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-packaging-'));
    const knownHostsFile = join(dataDir, 'known_hosts');
    writeFileSync(knownHostsFile, knownHostsText(env));
    const hub = new EventHub();
    hub.subscribe((event, payload) => {
      if (event === 'transfer.progress') sent.push((payload as { path: string }).path);
    });
    services = openAppServices({
      dataDir, electronVersion: null, openExternal: async () => false, hub, log: silentLogger, backgroundRefresh: false,
      authPrompter: new ScriptedPerson({ password: [env.password] }), credentials: new MemoryCredentialStore(),
      knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
    });
    services.settings.write({ jobBaseDir: `~/${baseName}` });
    const keyAuth = { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false };
    services.profiles.save({ name: 'hpc', host: env.host, port: env.targetPort, user: env.user, auth: keyAuth, hostKeyPolicy: 'reject' });
  }, 200_000);
  afterAll(async () => {
    await services?.backend('hpc').runner.run(['rm', '-rf', '--', `${env.home}/${baseName}`]).catch(() => {});
    await services?.close();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('runs a package with a wheelhouse dependency, then ships only the change and reuses the venv', async () => {
    const project = writeProject();
    const spec: JobSpecInput = {
      name: 'packaged', cluster: 'hpc',
      task: { kind: 'python', target: 'mypkg.core:compute', args: [21] },
      upload: { root: project },
      packaging: { python: 'venv', wheelhouse: 'wheels' },
    };
    const preview = await services.engine.preview(spec);
    expect(preview.shipping).toMatchObject({ files: 7, environment: expect.stringContaining('venv from requirements.txt') });
    expect(preview.shipping!.sample).not.toContain('scratch/huge.bin');

    const first = await waitForEnd((await services.engine.submit(spec)).id);
    expect(first.state).toBe('COMPLETED');
    expect(await readResult(services.backend('hpc').files, first, null)).toEqual({ kind: 'json', value: { value: 1142, tinydep: expect.any(String) } });
    expect(lastUploadAudit().outcome).toBe('7 files, 7 sent');
    const files = services.backend('hpc').files;
    const environmentLog = new TextDecoder().decode((await files.readFile(posix.join(first.jobDir, 'environment.log')))!);
    const venvFolder = /^venv (\S+) /.exec(environmentLog)![1]!;
    const builtAt = (await files.stat(posix.join(venvFolder, '.complete')))!.mtimeMs;

    writeFileSync(join(project, 'mypkg', 'helpers.py'), 'def scale(n):\n    return n * 3\n');
    sent.length = 0;
    const second = await waitForEnd((await services.engine.submit(spec)).id);
    expect(second.state).toBe('COMPLETED');
    expect(await readResult(files, second, null)).toMatchObject({ kind: 'json', value: { value: 1163 } });
    expect(lastUploadAudit()).toMatchObject({ outcome: '7 files, 1 sent', bytes: 31 });
    expect([...new Set(sent)]).toEqual(['mypkg/helpers.py']);
    expect((await files.stat(posix.join(venvFolder, '.complete')))!.mtimeMs).toBe(builtAt);
    // The first job's snapshot kept the code it was submitted with.
    expect(new TextDecoder().decode((await files.readFile(posix.join(first.jobDir, 'project', 'mypkg', 'helpers.py')))!)).toContain('n * 2');
  }, 240_000);

  it('refuses, before anything is queued, a target whose package is shipped without that module', async () => {
    const project = writeProject();
    await expect(
      services.engine.submit({ name: 'typo', cluster: 'hpc', task: { kind: 'python', target: 'mypkg.cor:compute' }, upload: { root: project } }),
    ).rejects.toMatchObject({ code: 'target-not-uploaded' });
  });
});
