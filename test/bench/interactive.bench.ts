import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, it } from 'vitest';
import { CallerHandle } from '../../shared/contract/caller';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { openBenchApp, type BenchApp } from './benchServices';
import { alternate, mib, percentile, round, saveRows, summarize, timed, type BenchRow } from './benchStats';
import { sshOptions, target } from './openssh';

const bytes = 256 * 1024 * 1024;
const keystrokes = 200;
let env: SshdEnv;
let bench: BenchApp;
let source: Server;
let sourcePort: number;

/** 256 MiB of one repeated block to whoever connects: the remote app at the far end of the tunnel. */
beforeAll(async () => {
  env = readSshdEnv();
  bench = openBenchApp(env);
  const block = Buffer.alloc(1024 * 1024, 0x5a);
  source = createServer((socket) => {
    // A tunnel torn down mid-stream (ssh -L killed after its run) is expected, not a failure.
    socket.on('error', () => socket.destroy());
    let sent = 0;
    const more = () => {
      while (sent < bytes) {
        sent += block.length;
        if (!socket.write(block)) return void socket.once('drain', more);
      }
      socket.end();
    };
    more();
  });
  await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
  sourcePort = (source.address() as { port: number }).port;
});

afterAll(async () => {
  source?.close();
  await bench?.services.close();
});

function drain(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = 0;
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.once('error', reject);
    socket.once('close', () => (received === bytes ? resolve() : reject(new Error(`received ${received} of ${bytes} bytes`))));
  });
}

/** `ssh -N -L`: ready once its local port accepts a connection. */
async function sshTunnel(localPort: number): Promise<ChildProcess> {
  const child = spawn('ssh', [...sshOptions(env), '-N', '-o', 'ExitOnForwardFailure=yes', '-L', `127.0.0.1:${localPort}:localhost:${sourcePort}`, '-p', String(env.targetPort), target(env)], { stdio: 'ignore' });
  for (let tries = 0; tries < 100; tries += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const probe = connect(localPort, '127.0.0.1', () => (probe.destroy(), resolve(true)));
      probe.once('error', () => resolve(false));
    });
    if (open) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error('ssh -L never listened');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

it('tunnel throughput of 256 MiB through a forward, and keystroke echo latency in a terminal', async () => {
  const rows: BenchRow[] = [];
  const forward = await bench.services.forwards.open('bench', { cluster: 'hpc', job: null, node: null, remotePort: sourcePort, localPort: null });
  const sshPort = await freePort();
  const ssh = await sshTunnel(sshPort);
  const rate = (ms: number) => round(mib(bytes) / (ms / 1000), 1);
  const tunnel = await alternate(3, async () => rate(await timed(() => drain(forward.localPort))), async () => rate(await timed(() => drain(sshPort))));
  ssh.kill();
  bench.services.forwards.forwards.shut(forward.id, 'bench done');
  const app = summarize(tunnel.app, 'MiB/s');
  const baseline = summarize(tunnel.baseline, 'MiB/s');
  rows.push({
    id: 'forward-throughput', what: '256 MiB through a port forward to the login node (throughput, higher is better)', app, baseline,
    baselineLabel: 'OpenSSH ssh -N -L', ratio: round(app.median / baseline.median, 3), target: '≥ 1.0× their throughput', met: app.median >= baseline.median,
    notes: ['both over the same sshd; ours rides the cluster\'s one ssh2 connection, the baseline its own'],
  });

  const window = new CallerHandle('bench-window');
  let screen = '';
  bench.hub.subscribe((event, payload, to) => {
    if (event === 'terminal.output' && to === window.id) screen += (payload as { data: string }).data;
  });
  const context = { signal: new AbortController().signal, transport: 'memory' as const, caller: window };
  const terminal = await bench.services.handlers['terminal.open']({ cluster: 'hpc', job: null, node: null, cols: 80, rows: 24 }, context);
  // In cooked mode the remote terminal echoes each key as it arrives: each sample is one round trip.
  await bench.services.handlers['terminal.write']({ id: terminal.id, data: 'exec cat\r' }, context);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const ours: number[] = [];
  for (let key = 0; key < keystrokes; key += 1) {
    const letter = String.fromCharCode(97 + (key % 26));
    screen = '';
    const started = performance.now();
    await bench.services.handlers['terminal.write']({ id: terminal.id, data: letter }, context);
    while (!screen.includes(letter)) await new Promise((resolve) => setImmediate(resolve));
    ours.push(performance.now() - started);
  }
  await bench.services.handlers['terminal.close']({ id: terminal.id }, context);
  const theirs = await sshEchoLatencies();
  const appP95 = percentile(ours, 0.95);
  const baseP95 = percentile(theirs, 0.95);
  rows.push({
    id: 'terminal-echo', what: `keystroke echo latency, p95 of ${keystrokes} keys (lower is better)`,
    app: { ...summarize(ours, 'ms'), median: appP95 }, baseline: { ...summarize(theirs, 'ms'), median: baseP95 },
    baselineLabel: 'OpenSSH ssh -tt', ratio: round(appP95 / baseP95, 3), target: '≤ 1.2× their p95', met: appP95 <= 1.2 * baseP95,
    notes: ['"median" in this row holds the p95; ours is measured at the service (contract handlers and events, no window)'],
  });
  saveRows('interactive', rows);
}, 600_000);

/** The same keystrokes typed into `ssh -tt host cat`. */
function sshEchoLatencies(): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', [...sshOptions(env), '-tt', '-p', String(env.targetPort), target(env), 'cat'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    child.stdin.on('error', () => undefined);
    child.once('error', reject);
    const samples: number[] = [];
    const next = async () => {
      for (let key = 0; key < keystrokes; key += 1) {
        const letter = String.fromCharCode(97 + (key % 26));
        screen = '';
        const started = performance.now();
        child.stdin.write(letter);
        while (!screen.includes(letter)) await new Promise((done) => setImmediate(done));
        samples.push(performance.now() - started);
      }
      child.kill();
      resolve(samples);
    };
    setTimeout(() => void next(), 1000);
  });
}
