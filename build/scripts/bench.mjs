#!/usr/bin/env node
// `npm run bench [file…]`: every benchmark (or the named files of test/bench) against the real test sshd and Slurm, one file at a time, then
// reports/bench.json and reports/bench.md. Benchmarks report; a missed target does not fail the run.
// It starts the daemons it needs with the project's scripts and stops them afterwards (an sshd that
// was already running is left running). Slurm is shared by everyone on a machine: each file that
// uses it runs under `flock $SLURMDESK_DAEMONS_LOCK` (default /tmp/slurmdesk-daemons.lock), so a
// benchmark never holds the lock for longer than its own file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = join(root, 'reports');
const parts = join(reports, 'bench', 'parts');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const lock = process.env.SLURMDESK_DAEMONS_LOCK ?? '/tmp/slurmdesk-daemons.lock';

/** In report order. `needs`: the daemons a file uses. */
const benchmarks = [
  { file: 'rpcCount', needs: ['sshd', 'slurm'] },
  { file: 'submit', needs: ['sshd', 'slurm'] },
  { file: 'connect', needs: ['sshd'] },
  { file: 'sftp', needs: ['sshd'] },
  { file: 'logTail', needs: ['sshd'] },
  { file: 'interactive', needs: ['sshd'] },
  { file: 'arraySubmit', needs: ['sshd', 'slurm'] },
  { file: 'filesResults', needs: ['sshd'] },
  { file: 'queue', needs: ['sshd', 'slurm'] },
  { file: 'packaging', needs: ['sshd', 'slurm'] },
  { file: 'journal', needs: [] },
  { file: 'renderer', needs: [] },
  { file: 'queueTable', needs: [] },
  { file: 'eventLoopDelay', needs: [] },
];
const only = process.argv.slice(2);
const selected = only.length > 0 ? benchmarks.filter((bench) => only.includes(bench.file)) : benchmarks;

const onPath = (program) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;
const unavailable = {
  sshd: !isRoot ? 'needs root (the test sshd creates its user)' : !onPath('/usr/sbin/sshd') ? 'OpenSSH missing: sudo bash test/daemons/sshd.sh install' : null,
  slurm: !isRoot ? 'needs root (the test cluster writes /etc/slurm)' : !onPath('slurmctld') ? 'Slurm missing: sudo bash test/daemons/slurm.sh install' : null,
};

const sshd = (command) => spawnSync('bash', [join(root, 'test', 'daemons', 'sshd.sh'), command], { cwd: root, stdio: command === 'status' ? 'ignore' : 'inherit' });

// A partial run (`npm run bench -- sftp`) replaces those files' rows and keeps the others' last ones.
mkdirSync(parts, { recursive: true });
for (const bench of selected) rmSync(join(parts, `${bench.file}.json`), { force: true });

console.log('=== build (production renderer, as shipped) ===');
spawnSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });

const needSshd = selected.some((bench) => bench.needs.includes('sshd')) && unavailable.sshd === null;
const sshdWasRunning = needSshd && sshd('status').status === 0;
if (needSshd && !sshdWasRunning && sshd('start').status !== 0) unavailable.sshd = 'bash test/daemons/sshd.sh start failed';

const problems = [];
// Those that need Slurm go last: they may wait for the shared lock, and the rest need not wait with them.
const runOrder = [...selected.filter((bench) => !bench.needs.includes('slurm')), ...selected.filter((bench) => bench.needs.includes('slurm'))];
try {
  for (const bench of runOrder) {
    const missing = bench.needs.map((need) => unavailable[need]).filter(Boolean);
    if (missing.length > 0) {
      problems.push(`${bench.file}: skipped (${missing.join('; ')})`);
      continue;
    }
    const vitest = [npx, 'vitest', 'run', '--project', 'bench', `test/bench/${bench.file}.bench.ts`];
    const command = bench.needs.includes('slurm') && onPath('flock') ? ['flock', '-o', lock, ...vitest] : vitest;
    console.log(`\n=== ${bench.file} ===`);
    const started = Date.now();
    const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit' });
    console.log(`=== ${bench.file}: ${result.status === 0 ? 'done' : 'FAILED to run'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
    if (result.status !== 0) problems.push(`${bench.file}: the benchmark failed to run (exit ${result.status ?? result.signal})`);
  }
} finally {
  if (needSshd && !sshdWasRunning) sshd('stop');
}

const files = readdirSync(parts).filter((name) => name.endsWith('.json'));
const byFile = new Map(files.map((name) => [name.replace(/\.json$/, ''), JSON.parse(readFileSync(join(parts, name), 'utf8'))]));
const rows = benchmarks.flatMap((bench) => byFile.get(bench.file)?.rows ?? []);
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
const report = { generatedAt: new Date().toISOString(), machine, problems, rows };
writeFileSync(join(reports, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(reports, 'bench.md'), markdown(report));
console.log(`\n${markdown(report)}`);
console.log(`wrote reports/bench.json and reports/bench.md${problems.length > 0 ? ` (${problems.length} problems listed)` : ''}`);

function markdown({ generatedAt, machine, problems, rows }) {
  const spread = (summary) => (summary ? `${fmt(summary.median)} ${summary.unit} (${fmt(summary.min)}–${fmt(summary.max)}, n=${summary.n})` : '—');
  // Frame rows are judged on their 95th percentile and long tasks, so those lead.
  const frames = (row) =>
    typeof row.extra?.p95 === 'number' ? `p95 ${fmt(row.extra.p95)} ms, ${row.extra.longTasks} long tasks (longest ${fmt(row.extra.longestTaskMs)} ms); median ${fmt(row.app.median)} ms, max ${fmt(row.app.max)}, ${row.app.n} frames` : null;
  const status = (met) => (met === true ? 'met' : met === false ? '**missed**' : 'reported');
  const lines = [
    `Measured ${generatedAt.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    'Medians with (min–max, repetitions); ratio = ours / baseline (for throughput: ours / theirs, higher is better).',
    '',
    '| benchmark | ours | baseline | ratio | target | status |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.what} | ${frames(row) ?? spread(row.app)} | ${row.baseline ? `${spread(row.baseline)}<br>${row.baselineLabel}` : '—'} | ${row.ratio === null ? '—' : `${fmt(row.ratio)}×`} | ${row.target} | ${status(row.met)} |`),
    '',
    'Notes:',
    '',
    ...rows.flatMap((row) => row.notes.map((note) => `- ${row.id}: ${note}`)),
    ...problems.map((problem) => `- ${problem}`),
    '',
  ];
  return lines.join('\n');
}

function fmt(value) {
  if (typeof value !== 'number') return String(value);
  if (value !== 0 && Math.abs(value) < 0.01) return value.toPrecision(1);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2).replace(/\.?0+$/, '') || '0';
}
