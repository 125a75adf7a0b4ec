import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { openBenchApp, type BenchApp } from './benchServices';
import { alternate, ratioOf, saveRows, summarize, timed } from './benchStats';
import { MultiplexedSsh } from './openssh';

const repetitions = 7;
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
  project = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-project-'));
  writeFileSync(join(project, 'input.csv'), 'sample,value\n'.concat(Array.from({ length: 200 }, (_, index) => `s${index},${index * 3}\n`).join('')));
  writeFileSync(join(project, 'analyse.sh'), '#!/bin/bash\nwc -l input.csv\n');
}, 300_000);

afterAll(async () => {
  await mux?.run(`scancel -u ${env.user}; rm -rf ~/slurm_jobs/bench-submit`).catch(() => {});
  await mux?.close();
  await app?.services.close();
  await stopCluster();
}, 300_000);

// Over a connection that is already up: what one more submission costs the person.
it('submit one script job over a warm connection, including upload of its files', async () => {
  const submit = () =>
    timed(async () => {
      const job = await app.services.engine.submit({
        name: 'bench-submit', cluster: 'hpc', task: { kind: 'script', body: 'bash analyse.sh' },
        upload: { root: project, include: ['input.csv', 'analyse.sh'] },
      });
      if (job.slurmId === null) throw new Error(`no Slurm id: ${job.state} ${job.reason ?? ''}`);
    });
  const bare = () => timed(() => mux.run('sbatch --parsable -o /dev/null --wrap true'));
  await submit(); // connects: the warm-up is not what is measured
  await bare();
  const samples = await alternate(repetitions, submit, bare);
  const ours = summarize(samples.app, 'ms');
  const baseline = summarize(samples.baseline, 'ms');
  const ratio = ratioOf(ours, baseline);
  const commands = app.services.backend('hpc').scheduler.commandCount;
  saveRows('submit', [
    {
      id: 'submit-warm',
      what: 'submit one script job over a warm connection, incl. upload of its 2 files',
      app: ours,
      baseline,
      baselineLabel: 'bare `sbatch --wrap true` over an OpenSSH ControlMaster connection',
      ratio,
      target: '≤ 1.5×',
      met: ratio <= 1.5,
      notes: [`ours writes the job folder (script, spec, runner) and uploads the files over SFTP, then runs sbatch; ${commands} scheduler commands over ${repetitions + 1} submissions`],
    },
  ]);
});
