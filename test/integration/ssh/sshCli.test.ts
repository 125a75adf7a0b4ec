import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from '../../../build/scripts/build.mjs';
import { slurmUnavailableReason, startCluster, stopCluster } from '../slurm/slurmCluster';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';

const root = join(import.meta.dirname, '..', '..', '..');
let env: SshdEnv;
let home: string;

function slurmdesk(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'out/cli/main.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, SLURMDESK_HOME: join(home, 'data'), SSH_AUTH_SOCK: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// The command line against a saved SSH cluster: profiles, host trust by fingerprint, submission.
describeWithSshd('slurmdesk with an SSH cluster', () => {
  beforeAll(async () => {
    const noSlurm = slurmUnavailableReason();
    if (noSlurm) throw new Error(noSlurm);
    await buildCli();
    await startCluster('plain');
    env = await startSshd();
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-cli-ssh-'));
  }, 200_000);
  afterAll(async () => {
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('adds a cluster profile without any secret in it', () => {
    const added = slurmdesk('clusters', 'add', 'hpc', '--host', env.host, '--port', String(env.targetPort), '--user', env.user, '--key', env.clientKey, '--host-key-policy', 'ask', '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).profile).toMatchObject({ name: 'hpc', port: env.targetPort, hostKeyPolicy: 'ask' });
    expect(slurmdesk('clusters', 'list').stdout).toMatch(/hpc\s+sdtest@127\.0\.0\.1:2222/);
  });

  it('refuses the unknown host under ask (nobody to show the fingerprint to) and says how to trust it', () => {
    const script = join(home, 'job.sh');
    writeFileSync(script, 'echo "ran as $(id -un)"\n');
    const refused = slurmdesk('submit', script, '--cluster', 'hpc', '--wait');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`slurmdesk hosts trust 127.0.0.1:${env.targetPort} --fingerprint ${env.targetFingerprint}`);
  });

  it('trusts the host only with the fingerprint the site published', () => {
    const wrong = slurmdesk('hosts', 'trust', `127.0.0.1:${env.targetPort}`, '--fingerprint', `SHA256:${'A'.repeat(43)}`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/presented SHA256:.*not the fingerprint you gave/);
    const trusted = slurmdesk('hosts', 'trust', `127.0.0.1:${env.targetPort}`, '--fingerprint', env.targetFingerprint);
    expect(trusted.code).toBe(0);
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toContain(`[127.0.0.1]:${env.targetPort}`);
    expect(slurmdesk('hosts', 'list').stdout).toContain(env.targetFingerprint);
  });

  it('submits over SSH and waits for the result', () => {
    const run = slurmdesk('submit', join(home, 'job.sh'), '--cluster', 'hpc', '--wait', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const job = JSON.parse(run.stdout).job;
    expect(job).toMatchObject({ cluster: 'hpc', state: 'COMPLETED' });
    expect(slurmdesk('logs', job.id).stdout).toBe(`ran as ${env.user}\n`);
  });

  it('forgets the host, after which it is unknown again (auto would trust it again)', () => {
    expect(slurmdesk('hosts', 'forget', `127.0.0.1:${env.targetPort}`).code).toBe(0);
    expect(slurmdesk('jobs', '--cluster', 'hpc').code).toBe(0);
    expect(slurmdesk('submit', join(home, 'job.sh'), '--cluster', 'hpc').code).toBe(1);
    expect(slurmdesk('submit', join(home, 'job.sh'), '--cluster', 'hpc', '--host-key-policy', 'auto', '--wait').code).toBe(0);
  });
});
