import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, it } from 'vitest';
import { isTerminal } from '../../shared/jobs/jobState';
import type { JobSpecInput } from '../../shared/jobs/jobSpec';
import { readResult } from '../../electron/services/jobs/jobOutputs';
import { writeProject } from '../integration/packaging/projectFixture';
import { startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { openBenchApp, type BenchApp } from './benchServices';
import { ratioOf, round, saveRows, summarize, timed, type BenchRow } from './benchStats';
import { ssh, sshOptions, target } from './openssh';

const run = promisify(execFile);
const repetitions = 3;
const fileCount = 5000;
const fileBytes = 40_000; // 5,000 × 40 kB = 200 MB
let env: SshdEnv;
let app: BenchApp;
let project: string;
const remoteBase = 'slurmdesk-bench-packaging';

beforeAll(async () => {
  env = readSshdEnv();
  await startCluster('plain');
  app = openBenchApp(env);
  app.services.settings.write({ jobBaseDir: `~/${remoteBase}/jobs` });
  project = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-big-'));
  // 200 MB of random bytes cut into 5,000 files across 50 folders.
  execFileSync('sh', ['-c', `cd "$1" && head -c ${fileCount * fileBytes} /dev/urandom | split -a 4 -d -b ${fileBytes} - part. && for i in $(seq 0 49); do mkdir d$i; done && i=0 && for f in part.*; do mv "$f" "d$((i % 50))/"; i=$((i + 1)); done`, 'sh', project]);
  await ssh(env, `rm -rf ~/${remoteBase} && mkdir -p ~/${remoteBase}/rsync`);
}, 600_000);

afterAll(async () => {
  await ssh(env, `scancel -u ${env.user}; rm -rf ~/${remoteBase}`).catch(() => {});
  await app?.services.close();
  rmSync(project, { recursive: true, force: true });
  await stopCluster();
}, 300_000);

function changeOneFile(): void {
  writeFileSync(join(project, 'd7', 'part.0007'), execFileSync('head', ['-c', String(fileBytes), '/dev/urandom']));
}

function lastUpload(): { bytes: number; outcome: string } {
  const lines = readFileSync(join(app.dataDir, 'audit', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; bytes: number; outcome: string });
  return lines.filter((line) => line.event === 'transfer').at(-1)!;
}

async function rsync(): Promise<{ ms: number; bytes: number }> {
  const shell = ['ssh', ...sshOptions(env), '-p', String(env.targetPort)].map((word) => `'${word}'`).join(' ');
  const start = performance.now();
  const { stdout } = await run('rsync', ['-a', '--stats', '-e', shell, `${project}/`, `${target(env)}:${remoteBase}/rsync/`], { maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - start;
  return { ms, bytes: Number(/Total bytes sent: ([\d,]+)/.exec(stdout)![1]!.replace(/,/g, '')) };
}

// The second submit of a large project: only the changed file should travel, as with rsync.
it('second submit of a 200 MB / 5,000-file project with one file changed, vs rsync -a', async () => {
  const spec: JobSpecInput = { name: 'bench-big', cluster: 'hpc', task: { kind: 'script', body: 'true' }, upload: { root: project } };
  const firstMs = await timed(() => app.services.engine.submit(spec));
  const firstSent = lastUpload();
  await rsync();
  const ours: number[] = [];
  const theirs: number[] = [];
  const oursBytes: number[] = [];
  const theirBytes: number[] = [];
  for (let round = 0; round < repetitions; round += 1) {
    changeOneFile();
    const mine = async () => {
      ours.push(await timed(() => app.services.engine.submit(spec)));
      oursBytes.push(lastUpload().bytes);
    };
    const other = async () => {
      const result = await rsync();
      theirs.push(result.ms);
      theirBytes.push(result.bytes);
    };
    if (round % 2 === 0) await mine().then(other);
    else await other().then(mine);
  }
  const appSummary = summarize(ours, 'ms');
  const baseline = summarize(theirs, 'ms');
  const ratio = ratioOf(appSummary, baseline);
  const rows: BenchRow[] = [
    {
      id: 'packaging-second-submit',
      what: 'second submit of a 200 MB / 5,000-file project with one file changed (whole submit: list, hash, ship, link, sbatch)',
      app: appSummary,
      baseline,
      baselineLabel: '`rsync -a` over OpenSSH of the same change (a new ssh process each time)',
      ratio,
      target: '≤ 1.0× rsync\'s time',
      met: ratio <= 1,
      notes: [
        `bytes sent: ours median ${summarize(oursBytes, 'B').median} B of file content (one 40 kB file), rsync ${summarize(theirBytes, 'B').median} B in total (its file list included)`,
        `first submit (empty cache): ${round(firstMs / 1000, 1)} s, ${firstSent.outcome}, ${firstSent.bytes} bytes`,
      ],
      extra: { oursBytes, theirBytes, firstMs, firstSent },
    },
  ];
  saveRows('packaging', rows);
  await venvOverheadRow(rows);
}, 900_000);

/** Time from the submit call to the function starting, with and without a cached venv. */
async function venvOverheadRow(rows: BenchRow[]): Promise<void> {
  const small = writeProject({ 'clock.py': 'import time\n\ndef now():\n    return time.time()\n' });
  const spec = (python: 'system' | 'venv'): JobSpecInput => ({
    name: 'bench-venv', cluster: 'hpc', task: { kind: 'python', target: 'clock:now' }, upload: { root: small },
    packaging: { python, wheelhouse: 'wheels' },
  });
  const startDelay = async (python: 'system' | 'venv') => {
    const submittedAt = Date.now();
    const job = await app.services.engine.submit(spec(python));
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await app.services.tracker.refresh('hpc');
      const record = app.services.engine.get(job.id);
      if (isTerminal(record.state)) {
        const result = await readResult(app.services.backend('hpc').files, record, null);
        if (result.kind !== 'json') throw new Error(`bench-venv ended ${record.state}`);
        return (result.value as number) * 1000 - submittedAt;
      }
    }
  };
  await startDelay('venv'); // builds the venv once
  const withVenv: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < repetitions; round += 1) {
    withVenv.push(await startDelay('venv'));
    without.push(await startDelay('system'));
  }
  const app_ = summarize(withVenv, 'ms');
  const baseline = summarize(without, 'ms');
  const overhead = round(app_.median - baseline.median);
  rows.push({
    id: 'packaging-cached-venv',
    what: 'submit to running with a cached venv (the function\'s first line), vs the same project on the system Python',
    app: app_,
    baseline,
    baselineLabel: 'the same job with python = "system"',
    ratio: ratioOf(app_, baseline),
    target: 'overhead < 1 s',
    met: overhead < 1000,
    notes: [`overhead (median difference): ${overhead} ms; both include Slurm's own scheduling (batch_sched_delay=0) and the refresh period of this loop`],
  });
  saveRows('packaging', rows);
}
