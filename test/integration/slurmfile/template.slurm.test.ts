import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openHarness, repoRoot, type EngineHarness } from '../jobs/engineHarness';
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

describeWithSlurm('a Slurmfile template on the real Slurm', () => {
  let harness: EngineHarness;
  let startedHere = false;
  beforeAll(async () => {
    if (!(await clusterRunning())) {
      await startCluster('plain');
      startedHere = true;
    }
    harness = openHarness('local');
  }, 200_000);
  afterAll(async () => {
    await harness?.close();
    if (startedHere) await stopCluster();
  }, 120_000);

  it('submits a template with the environment defaults and runs it to completion', async () => {
    harness.writeFile('jobs/greet.sh', 'echo "greeting from $SLURM_JOB_NAME on partition $SLURM_JOB_PARTITION: $GREETING"\n');
    const file = harness.writeFile(
      'Slurmfile.toml',
      `[environments.default.cluster]
backend = "embedded"

[environments.cluster.cluster]
backend = "local"

[environments.cluster.submit]
time = "1"
ntasks = 1

[environments.cluster.templates.greet]
script = "jobs/greet.sh"
environment = { GREETING = "hello" }
resources = { cpus_per_task = 1 }
`,
    );
    const service = harness.services.slurmfiles;
    const view = service.open(file, 'cluster');
    expect(view).toMatchObject({ chosen: 'cluster', cluster: { name: 'local', backend: 'local' }, templates: [{ name: 'greet', kind: 'script' }], problems: [] });
    service.trust(file, view.sha256);
    const spec = service.template(file, 'cluster', 'greet');
    expect(spec).toMatchObject({ cluster: 'local', resources: { time: '1', ntasks: 1, cpusPerTask: 1 } });

    const record = await service.submit({ file, environment: 'cluster', template: 'greet', spec });
    expect(record.slurmId).toMatch(/^\d+$/);
    const ended = await harness.waitForEnd(record.id, 90_000);
    expect(ended.state).toBe('COMPLETED');
    expect(readFileSync(join(ended.jobDir, 'stdout.txt'), 'utf8')).toMatch(/^greeting from greet on partition \S+: hello$/m);
  });
});
