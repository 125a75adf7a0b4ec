import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, it } from 'vitest';
import { downloadTree } from '../../electron/services/files/downloadTree';
import { readTaskResults } from '../../electron/services/results/readTaskResults';
import { rowContent } from '../../electron/services/results/resultRows';
import { sshBackend } from '../integration/ssh/sshHarness';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { alternate, ratioOf, round, saveRows, summarize, timed, type BenchRow } from './benchStats';
import { MultiplexedSsh, ssh, sshOptions, target } from './openssh';

const run = promisify(execFile);
const repetitions = 5;
const tasks = 10_000;
const listed = 10_000;
const smallFiles = 1_000;
/** The naive results loop is sampled: this many `cat` calls, timed and scaled to 10,000. */
const sampledCats = 200;

let env: SshdEnv;
let backend: ReturnType<typeof sshBackend>['backend'];
let mux: MultiplexedSsh;
let base: string;
let local: string;

beforeAll(async () => {
  env = readSshdEnv();
  ({ backend } = sshBackend(env));
  mux = new MultiplexedSsh(env);
  await mux.open();
  base = `${env.home}/slurmdesk-bench-files`;
  local = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-files-'));
  // A 10,000-task array's results, a folder of 10,000 files, and a tree of 1,000 small files.
  await ssh(
    env,
    [
      `rm -rf ${base} && mkdir -p ${base}/array ${base}/listing ${base}/tree`,
      `cd ${base}/array && i=0; while [ $i -lt ${tasks} ]; do printf '{"lr": %s, "loss": %s, "metrics": {"acc": 0.%s}}' "$i" "$((i % 97))" "$i" > result.$i.json; i=$((i+1)); done`,
      `cd ${base}/listing && i=0; while [ $i -lt ${listed} ]; do : > file-$i.txt; i=$((i+1)); done`,
      `cd ${base}/tree && i=0; while [ $i -lt ${smallFiles} ]; do d=d$((i % 10)); mkdir -p $d; head -c 4096 /dev/urandom > $d/f$i.bin; i=$((i+1)); done`,
    ].join('\n'),
  );
  // Warm the app's connection, as the window's would be.
  await backend.files.list(base);
}, 600_000);

afterAll(async () => {
  await ssh(env, `rm -rf ${base}`).catch(() => {});
  await mux?.close();
  await backend?.close();
  rmSync(local, { recursive: true, force: true });
});

it('results table, folder listing and folder download', async () => {
  const rows: BenchRow[] = [];

  // Results of 10,000 tasks: one remote command (find + head) and parsing, vs one `cat` per task.
  let parsedRows = 0;
  const ours = async () =>
    timed(async () => {
      const read = await readTaskResults(backend.runner, `${base}/array`);
      parsedRows = [...read.files.values()].filter((files) => rowContent(files).kind === 'json').length;
    });
  const catLoop = async () => (await timed(async () => {
    for (let index = 0; index < sampledCats; index += 1) await mux.run(`cat ${base}/array/result.${index}.json`);
  })) * (tasks / sampledCats);
  const results = await alternate(repetitions, ours, catLoop);
  if (parsedRows !== tasks) throw new Error(`read ${parsedRows} results, not ${tasks}`);
  const oneLoop = summarize([await timed(() => mux.run(`cd ${base}/array && for f in result.*.json; do cat "$f"; echo; done`)), await timed(() => mux.run(`cd ${base}/array && for f in result.*.json; do cat "$f"; echo; done`))], 'ms');
  rows.push(row('results-10000', `results table of a ${tasks.toLocaleString('en-US')}-task array, warm connection (read and parse every result; the first rows come with the full table)`, results, 'ms', `a loop of \`cat\` over an OpenSSH ControlMaster connection, one per task (${sampledCats} timed, scaled ×${tasks / sampledCats})`, '< 1 s', (app) => app.median < 1000, [
    `one remote shell loop of cat over the same warm connection (not what a person types, but the best by hand): median ${oneLoop.median} ms (${oneLoop.min}–${oneLoop.max}, n=${oneLoop.n})`,
    'the window adds the scheduler\'s two commands that list the tasks (squeue and sacct or scontrol); they are measured by the refresh rows',
  ]));

  // Listing 10,000 files: SFTP readdir on the warm connection, vs `ls -la` on a warm ControlMaster connection.
  const listing = await alternate(
    repetitions,
    () => timed(async () => {
      if ((await backend.files.list(`${base}/listing`)).length !== listed) throw new Error('listing is short');
    }),
    () => timed(() => mux.run(`ls -la ${base}/listing`)),
  );
  const coldLs = summarize([await timed(() => ssh(env, `ls -la ${base}/listing`)), await timed(() => ssh(env, `ls -la ${base}/listing`))], 'ms');
  const sftpLs = summarize([await timed(() => sftpBatch(`ls -l ${base}/listing\n`)), await timed(() => sftpBatch(`ls -l ${base}/listing\n`))], 'ms');
  rows.push(row('list-10000', `list a remote folder of ${listed.toLocaleString('en-US')} files, warm connection`, listing, 'ms', '`ls -la` over an OpenSSH ControlMaster connection', '≤ 1.0×', (app, baseline) => app.median <= baseline.median, [
    `whole \`ssh host ls -la\` (a new connection each time): median ${coldLs.median} ms (${coldLs.min}–${coldLs.max})`,
    `whole \`sftp\` with \`ls -l\` (a new connection each time): median ${sftpLs.median} ms (${sftpLs.min}–${sftpLs.max})`,
  ]));

  // Folder download of 1,000 small files (4 KiB each, 10 folders).
  const perSecond = (ms: number) => round(smallFiles / (ms / 1000), 1);
  const download = await alternate(
    3,
    async () => {
      const root = mkdtempSync(join(local, 'ours-'));
      const ms = await timed(() => downloadTree({ files: backend.files, source: `${base}/tree`, root, resume: false, onProgress: () => {} }));
      check(join(root, 'tree'));
      return perSecond(ms);
    },
    async () => {
      const root = mkdtempSync(join(local, 'scp-'));
      const ms = await timed(() => run('scp', [...sshOptions(env), '-q', '-r', '-P', String(env.targetPort), `${target(env)}:${base}/tree`, root]));
      check(join(root, 'tree'));
      return perSecond(ms);
    },
  );
  const sftpR = [];
  for (let round = 0; round < 2; round += 1) {
    const root = mkdtempSync(join(local, 'sftp-'));
    sftpR.push(perSecond(await timed(() => run('sftp', [...sshOptions(env), '-q', '-r', '-P', String(env.targetPort), `${target(env)}:${base}/tree`, root]))));
    check(join(root, 'tree'));
  }
  const sftpSummary = summarize(sftpR, 'files/s');
  const app = summarize(download.app, 'files/s');
  const baseline = summarize(download.baseline, 'files/s');
  rows.push({
    id: 'download-1000-files',
    what: `folder download of ${smallFiles.toLocaleString('en-US')} small files (4 KiB each, in 10 folders; files per second, higher is better)`,
    app,
    baseline,
    baselineLabel: '`scp -r` (a whole process, connection included)',
    ratio: ratioOf(app, baseline),
    target: '≥ 1.0× their throughput',
    met: app.median >= baseline.median,
    notes: [`\`sftp -r\`: median ${sftpSummary.median} files/s (${sftpSummary.min}–${sftpSummary.max}, n=${sftpSummary.n})`, 'ours runs on the warm connection, 8 files in flight; each file is written beside its place and renamed when whole'],
    extra: { sftp: sftpSummary },
  });
  saveRows('filesResults', rows);
});

function row(id: string, what: string, samples: { app: number[]; baseline: number[] }, unit: string, baselineLabel: string, target: string, met: (app: ReturnType<typeof summarize>, baseline: ReturnType<typeof summarize>) => boolean, notes: string[]): BenchRow {
  const app = summarize(samples.app, unit);
  const baseline = summarize(samples.baseline, unit);
  return { id, what, app, baseline, baselineLabel, ratio: ratioOf(app, baseline), target, met: met(app, baseline), notes };
}

function check(folder: string): void {
  const count = readdirSync(folder, { recursive: true }).filter((name) => String(name).endsWith('.bin')).length;
  if (count !== smallFiles) throw new Error(`${folder} holds ${count} files, not ${smallFiles}`);
}

async function sftpBatch(commands: string): Promise<void> {
  const child = execFile('sftp', [...sshOptions(env), '-q', '-b', '-', '-P', String(env.targetPort), target(env)], { maxBuffer: 64 * 1024 * 1024 });
  child.stdin?.end(commands);
  await new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sftp exited with ${code}`)))));
}
