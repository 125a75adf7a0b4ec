import { afterAll, beforeAll, it } from 'vitest';
import type { JobRecord } from '../../shared/jobs/jobRecord';
import { readLog } from '../../electron/services/jobs/jobOutputs';
import { sshBackend } from '../integration/ssh/sshHarness';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { alternate, ratioOf, round, saveRows, summarize, timed } from './benchStats';
import { MultiplexedSsh, ssh } from './openssh';

const repetitions = 7;
/** What the log view asks for: the last 64 KiB (a screen and then some). */
const tailBytes = 64 * 1024;
const followSeconds = 5;
let env: SshdEnv;
let mux: MultiplexedSsh;
let jobDir: string;
let log: string;
let warm: ReturnType<typeof sshBackend>['backend'];

beforeAll(async () => {
  env = readSshdEnv();
  jobDir = `${env.home}/slurmdesk-bench-log`;
  log = `${jobDir}/stdout.txt`;
  // 1 GiB of numbered lines, as a chatty job would leave.
  await ssh(env, `rm -rf ${jobDir} && mkdir -p ${jobDir} && seq -f 'step %.0f: loss 0.0123 accuracy 0.9876 lr 0.001 (a line a training job prints)' 1 100000000 | head -c 1073741824 > ${log}`);
  mux = new MultiplexedSsh(env);
  await mux.open();
  ({ backend: warm } = sshBackend(env));
}, 300_000);

afterAll(async () => {
  await ssh(env, `rm -rf ${jobDir}`).catch(() => {});
  await mux?.close();
  await warm?.close();
});

const record = () => ({ jobDir }) as JobRecord;

it('open the last screen of a 1 GiB log, and follow it', async () => {
  // Cold: both sides connect, authenticate and read the end of the file.
  const coldApp = async () => {
    const { backend } = sshBackend(env);
    const ms = await timed(async () => {
      const chunk = await readLog(backend.files, record(), { stream: 'stdout', task: null, tail: true, length: tailBytes });
      if (chunk.size !== 1024 ** 3) throw new Error(`the log is ${chunk.size} bytes`);
    });
    await backend.close();
    return ms;
  };
  const cold = await alternate(repetitions, coldApp, () => timed(() => ssh(env, `tail -n 200 ${log}`)));
  // Warm: the cluster's connection is already up (the log view of a job one has open).
  await readLog(warm.files, record(), { stream: 'stdout', task: null, tail: true, length: tailBytes });
  const warmSamples = await alternate(
    repetitions,
    () => timed(() => readLog(warm.files, record(), { stream: 'stdout', task: null, tail: true, length: tailBytes })),
    () => timed(() => mux.run(`tail -n 200 ${log}`)),
  );

  // Follow: the job keeps writing (~2,000 lines a second) while the view asks for what is new,
  // as the log view does, here every 250 ms. Memory is the process's resident set.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const first = await readLog(warm.files, record(), { stream: 'stdout', task: null, tail: true, length: tailBytes });
  let offset = first.nextOffset;
  let received = 0;
  const writer = ssh(env, `for i in $(seq ${followSeconds * 20}); do seq -f 'follow %.0f: still running' 1 100 >> ${log}; sleep 0.05; done`);
  let writing = true;
  void writer.finally(() => (writing = false));
  let peakRss = rssBefore;
  while (writing) {
    const chunk = await readLog(warm.files, record(), { stream: 'stdout', task: null, offset, length: tailBytes });
    received += chunk.nextOffset - offset;
    offset = chunk.nextOffset;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await writer;
  const last = await readLog(warm.files, record(), { stream: 'stdout', task: null, offset, length: tailBytes });
  received += last.nextOffset - offset;
  const growthMiB = round((peakRss - rssBefore) / 1024 / 1024, 1);
  const appended = last.size - 1024 ** 3;

  const coldApp_ = summarize(cold.app, 'ms');
  const coldBase = summarize(cold.baseline, 'ms');
  const warmApp = summarize(warmSamples.app, 'ms');
  const warmBase = summarize(warmSamples.baseline, 'ms');
  const ratio = ratioOf(coldApp_, coldBase);
  saveRows('logTail', [
    {
      id: 'log-open-cold',
      what: 'open the last screen of a 1 GiB log (connect included on both sides)',
      app: coldApp_, baseline: coldBase, baselineLabel: '`ssh host tail -n 200 file`',
      ratio, target: '≤ 1.2×, memory growth < 50 MB', met: ratio <= 1.2 && growthMiB < 50,
      notes: [
        `ours reads the last ${tailBytes / 1024} KiB by byte offset over SFTP (stat + one read)`,
        `following for ${followSeconds} s while the job appended ${appended} bytes: received ${received} bytes, resident memory grew ${growthMiB} MiB at most`,
      ],
      extra: { followGrowthMiB: growthMiB, appendedBytes: appended, receivedBytes: received },
    },
    {
      id: 'log-open-warm',
      what: 'open the last screen of a 1 GiB log over a warm connection',
      app: warmApp, baseline: warmBase, baselineLabel: '`tail -n 200 file` over an OpenSSH ControlMaster connection',
      ratio: ratioOf(warmApp, warmBase), target: '≤ 1.2×', met: ratioOf(warmApp, warmBase) <= 1.2, notes: [],
    },
  ]);
});
