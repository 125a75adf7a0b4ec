import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { openBenchApp, type BenchApp } from './benchServices';
import { round, saveRows, summarize, timed } from './benchStats';
import { MultiplexedSsh } from './openssh';

const items = 10_000;
const repetitions = 3;
/** The naive way is sampled: this many separate sbatch calls, timed and scaled to 10,000. */
const sampledCalls = 200;
let env: SshdEnv;
let app: BenchApp;
let mux: MultiplexedSsh;
let project: string;

beforeAll(async () => {
  env = readSshdEnv();
  await startCluster('plain');
  mux = new MultiplexedSsh(env);
  await mux.open();
  app = openBenchApp(env);
  project = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-array-'));
  writeFileSync(join(project, 'score.py'), 'def score(sample):\n    return {"sample": sample["id"], "score": sample["x"] * 2}\n');
}, 300_000);

afterAll(async () => {
  await mux?.run(`scancel -u ${env.user}; rm -rf ~/slurm_jobs/bench-array`).catch(() => {});
  await mux?.close();
  await app?.services.close();
  await stopCluster();
}, 300_000);

it('submit a 10,000-item Python array', async () => {
  const spec = {
    name: 'bench-array', cluster: 'hpc',
    task: { kind: 'python', target: 'score.py:score' },
    array: { items: Array.from({ length: items }, (_, index) => ({ id: `sample-${index}`, x: index })) },
    upload: { root: project, include: ['score.py'] },
  };
  await app.services.backend('hpc').runner.run(['true']); // the connection is up, as in the app
  const ours: number[] = [];
  let sbatchCalls = 0;
  for (let round = 0; round < repetitions; round += 1) {
    const before = app.services.backend('hpc').scheduler.commandCount;
    let slurmId: string | null = null;
    ours.push(await timed(async () => {
      const job = await app.services.engine.submit(spec);
      slurmId = job.slurmId;
      if (slurmId === null) throw new Error(`the array was not accepted: ${job.state} ${job.reason ?? ''}`);
    }));
    sbatchCalls = app.services.backend('hpc').scheduler.commandCount - before;
    // Nothing needs to run: cancel so the cluster stays light for the next round.
    await mux.run(`scancel ${slurmId!}`);
  }

  const naive: number[] = [];
  naive.push(await timed(async () => {
    for (let call = 0; call < sampledCalls; call += 1) await mux.run('sbatch --parsable --hold -o /dev/null -J naive --wrap true');
  }));
  await mux.run(`scancel -u ${env.user} -n naive`);
  const extrapolated = summarize(naive.map((ms) => (ms * items) / sampledCalls), 'ms');
  const app_ = summarize(ours, 'ms');
  saveRows('arraySubmit', [
    {
      id: 'array-10000',
      what: `submit a ${items.toLocaleString('en-US')}-item Python array (end to end, upload and sbatch)`,
      app: app_,
      baseline: extrapolated,
      baselineLabel: `${items.toLocaleString('en-US')} separate sbatch calls over a ControlMaster connection (the naive way; ${sampledCalls} timed, scaled ×${items / sampledCalls})`,
      ratio: round(app_.median / extrapolated.median, 4),
      target: 'one sbatch; accepted in < 2 s end to end',
      met: sbatchCalls === 1 && app_.median < 2000,
      notes: [`ours issued ${sbatchCalls} scheduler command(s) per submission (the items travel as one JSON file in the job folder)`],
    },
  ]);
});
