import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from '../../../build/scripts/build.mjs';
import { repoRoot, runCli } from '../../support/runCliBinary';
import { describeWithSlurm, startCluster, stopCluster } from '../slurm/slurmCluster';

const run = promisify(execFile);

/** The shared test cluster may already be up for someone else: then it is used as it is and left running. */
async function clusterRunning(): Promise<boolean> {
  try {
    await run('bash', [join(repoRoot, 'test', 'daemons', 'slurm.sh'), 'status']);
    return true;
  } catch {
    return false;
  }
}

describeWithSlurm('slurmdesk jobs after the README’s local and embedded examples', () => {
  let home: string;
  let startedHere = false;
  beforeAll(async () => {
    if (!(await clusterRunning())) {
      await startCluster('plain');
      startedHere = true;
    }
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-cli-every-'));
    await buildCli();
  }, 200_000);
  afterAll(async () => {
    if (startedHere) await stopCluster();
  }, 120_000);

  it('lists the jobs of every cluster, with a CLUSTER column, and --cluster filters', async () => {
    const script = join(home, 'hello.sh');
    writeFileSync(script, 'echo hello\n');
    const ids: Record<string, string> = {};
    for (const cluster of ['local', 'embedded']) {
      const submitted = await runCli(['submit', script, '--cluster', cluster, '--name', `on-${cluster}`, '--time', '1', '--wait', '--json'], { home });
      expect(submitted.stderr).toBe('');
      ids[cluster] = JSON.parse(submitted.stdout).job.id as string;
    }
    const table = await runCli(['jobs'], { home });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID +SLURM +CLUSTER +STATE +NAME$/m);
    expect(table.stdout).toMatch(new RegExp(`^${ids.local} +\\d+ +local +COMPLETED +on-local$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^${ids.embedded} +\\d+ +embedded +COMPLETED +on-embedded$`, 'm'));

    const onlyLocal = JSON.parse((await runCli(['jobs', '--cluster', 'local', '--json'], { home })).stdout) as { jobs: { id: string; cluster: string }[] };
    expect(onlyLocal.jobs.map((job) => [job.id, job.cluster])).toEqual([[ids.local, 'local']]);
  }, 180_000);
});
