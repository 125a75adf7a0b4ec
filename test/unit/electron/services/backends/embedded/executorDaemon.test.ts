import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { ExecutorClient } from '../../../../../../electron/services/backends/embedded/executorClient';
import { startExecutorDaemon } from '../../../../../../electron/services/backends/embedded/executorDaemon';
import { executorSocketPath } from '../../../../../../electron/services/backends/embedded/executorSocketPath';
import { readStoredState } from '../../../../../../electron/services/backends/embedded/stateStore';
import { isSameProcess } from '../../../../../../electron/services/backends/embedded/taskProcess';
import { SchedulerError, type FinalEntry, type Scheduler, type SubmitRequest } from '../../../../../../electron/services/backends/types';
import { silentLogger } from '../../../../../../electron/services/log';

// Real daemons, started from the built CLI (the unit project's global setup builds it), in
// scratch folders; every daemon and task left behind is stopped by pid afterwards.
const repoRoot = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');
const cli = join(repoRoot, 'out', 'cli', 'main.mjs');
const roots: string[] = [];
const clients: ExecutorClient[] = [];

afterAll(async () => {
  for (const client of clients) await client.close();
  for (const root of roots) {
    for (const stateDir of [join(root, 'state'), join(root, 'data', 'embedded')]) {
      const pid = daemonPid(stateDir);
      if (pid !== null) await stopProcess(pid);
      if (!existsSync(stateDir)) continue;
      for (const task of readStoredState(stateDir, 'embedded-jobs.json').jobs.flatMap((job) => job.tasks)) {
        if (task.state === 'RUNNING' && task.pid !== null) killGroup(task.pid);
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
});

type Workspace = { root: string; stateDir: string; client(options?: { idleMs?: number; command?: string[] }): ExecutorClient };

function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-executor-'));
  roots.push(root);
  const stateDir = join(root, 'state');
  return {
    root,
    stateDir,
    client: ({ idleMs = 60_000, command } = {}) => {
      const client = new ExecutorClient({ stateDir, command: command ?? [process.execPath, cli, 'executor', stateDir, '--idle-ms', String(idleMs)] });
      clients.push(client);
      return client;
    },
  };
}

let scripts = 0;
function request(space: Workspace, body: string, extra: Partial<SubmitRequest> = {}): SubmitRequest {
  scripts += 1;
  const scriptPath = join(space.root, `job${scripts}.sh`);
  writeFileSync(scriptPath, `#!/bin/bash\n${body}\n`);
  return {
    clientId: `sd-${String(scripts).padStart(16, '0')}`,
    name: 'test-job',
    scriptPath,
    workdir: space.root,
    stdoutPath: join(space.root, 'slurm-%j.out'),
    stderrPath: join(space.root, 'slurm-%j.out'),
    resources: { extra: [] },
    array: null,
    dependencies: [],
    comment: `comment-${scripts}`,
    ...extra,
  };
}

async function finished(scheduler: Scheduler, id: string, timeoutMs = 15_000): Promise<FinalEntry[]> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await scheduler.queue([id])).length === 0) return scheduler.settle([id]);
    await sleep(50);
  }
  throw new Error(`job ${id} did not finish within ${timeoutMs} ms`);
}

/** The daemon holding the folder, from its lock file, if it still runs. */
function daemonPid(stateDir: string): number | null {
  try {
    const { pid, start } = JSON.parse(readFileSync(join(stateDir, 'lock'), 'utf8')) as { pid: number; start: string | null };
    return isSameProcess(pid, start) ? pid : null;
  } catch {
    return null;
  }
}

async function stopProcess(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  await waitFor(() => !isSameProcess(pid, null), 10_000);
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection that reads lines as the daemon writes them. */
async function rawConnection(path: string): Promise<{ socket: Socket; next(): Promise<unknown>; closed: Promise<void> }> {
  const socket = connect(path);
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no line within 5 s')), 5000);
      const take = (line: string) => {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      };
      const line = lines.shift();
      if (line !== undefined) take(line);
      else waiting.push(take);
    });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { socket, next, closed };
}

/** FAKE daemon: greets like the executor, then lets the test script each connection. */
async function fakeDaemon(path: string, onLine: (line: string, socket: Socket, connection: number) => void): Promise<Server> {
  let connections = 0;
  const server = createServer((socket) => {
    const connection = (connections += 1);
    socket.write(`${JSON.stringify({ hello: 'slurmdesk-executor', version: 1, pid: process.pid })}\n`);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        onLine(line, socket, connection);
      }
    });
    socket.on('error', () => {});
  });
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return server;
}

describe.concurrent('the executor daemon and its clients', () => {
  it('starts on first use and serves two clients (app and CLI) the same jobs', async () => {
    const space = workspace();
    expect(existsSync(space.stateDir)).toBe(false);
    const app = space.client();
    const cliClient = space.client();
    const fromApp = request(space, 'echo from the app');
    const fromCli = request(space, 'echo from the CLI');
    const [appJob, cliJob] = await Promise.all([app.submit(fromApp), cliClient.submit(fromCli)]);
    expect(new Set([appJob, cliJob])).toEqual(new Set(['1', '2']));
    // Each sees the other's job, by id and by comment.
    expect(await app.findByComment(fromCli.comment)).toBe(cliJob);
    expect(await cliClient.findByComment(fromApp.comment)).toBe(appJob);
    expect(await finished(app, cliJob)).toEqual([expect.objectContaining({ slurmId: cliJob, state: 'COMPLETED' })]);
    expect(await finished(cliClient, appJob)).toEqual([expect.objectContaining({ slurmId: appJob, state: 'COMPLETED' })]);
    expect(readFileSync(join(space.root, `slurm-${cliJob}.out`), 'utf8')).toBe('from the CLI\n');
    // Counted here, one per call, whatever happens on the daemon's side.
    expect(app.commandCount).toBeGreaterThanOrEqual(3);
    // The folder is private and so is the socket.
    expect(statSync(space.stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(executorSocketPath(space.stateDir)!).mode & 0o777).toBe(0o600);
    expect(daemonPid(space.stateDir)).not.toBeNull();
  });

  it('runs a job submitted by a CLI that has exited, to COMPLETED, seen by a later client', async () => {
    const space = workspace();
    const dataDir = join(space.root, 'data');
    const marker = join(space.root, 'ran');
    const script = join(space.root, 'later.sh');
    writeFileSync(script, `sleep 1\necho "ran after the CLI left" > ${marker}\n`);
    const submitted = spawnSync(process.execPath, [cli, 'submit', '--cluster', 'embedded', script, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, SLURMDESK_HOME: dataDir },
      timeout: 30_000,
    });
    expect(submitted.stderr).toBe('');
    expect(submitted.status).toBe(0);
    const { job } = JSON.parse(submitted.stdout) as { job: { slurmId: string; state: string } };
    expect(job.state).toBe('PENDING');
    // No Slurm Desk process is left: the daemon alone runs the job.
    await waitFor(() => existsSync(marker), 15_000);
    const later = new ExecutorClient({ stateDir: join(dataDir, 'embedded'), command: ['/bin/false'] });
    clients.push(later);
    expect(await finished(later, job.slurmId)).toEqual([expect.objectContaining({ state: 'COMPLETED', exit: { code: 0, signal: 0 } })]);
  });

  it('stays while a job runs, exits once idle with no client, and the next call starts it again', async () => {
    const space = workspace();
    const first = space.client({ idleMs: 300 });
    // The task runs until the test lets it end, so a slow machine cannot end it early.
    const release = join(space.root, 'release');
    const id = await first.submit(request(space, `until [ -e ${release} ]; do sleep 0.05; done`));
    const pid = daemonPid(space.stateDir)!;
    await first.close();
    await sleep(1000);
    // No client, but a running task: still there.
    expect(isSameProcess(pid, null)).toBe(true);
    writeFileSync(release, '');
    await waitFor(() => !isSameProcess(pid, null), 10_000);
    expect(existsSync(executorSocketPath(space.stateDir)!)).toBe(false);
    expect(existsSync(join(space.stateDir, 'lock'))).toBe(false);
    expect(readFileSync(join(space.stateDir, 'executor.log'), 'utf8')).toMatch(/Stopped \(idle for 0\.3 s\)/);
    const second = space.client({ idleMs: 300 });
    expect(await second.settle([id])).toEqual([expect.objectContaining({ state: 'COMPLETED' })]);
    expect(daemonPid(space.stateDir)).not.toBe(pid);
  });

  it('never keeps a process alive with an idle connection', async () => {
    const space = workspace();
    const driver = join(space.root, 'driver.ts');
    const clientModule = join(repoRoot, 'electron', 'services', 'backends', 'embedded', 'executorClient.ts');
    const command = [process.execPath, cli, 'executor', space.stateDir, '--idle-ms', '300'];
    writeFileSync(
      driver,
      [
        `import { ExecutorClient } from ${JSON.stringify(clientModule)};`,
        `const client = new ExecutorClient({ stateDir: ${JSON.stringify(space.stateDir)}, command: ${JSON.stringify(command)} });`,
        // Asks, then just ends: no close().
        `console.log(JSON.stringify(await client.findByComment('nothing')));`,
      ].join('\n'),
    );
    const bundle = join(space.root, 'driver.mjs');
    await build({ entryPoints: [driver], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' });
    const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8', timeout: 15_000, cwd: repoRoot });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('null\n');
    expect(run.status).toBe(0);
  });

  it('answers malformed requests with errors and keeps serving the connection', async () => {
    const space = workspace();
    const client = space.client();
    expect(await client.findByComment('none')).toBeNull();
    const raw = await rawConnection(executorSocketPath(space.stateDir)!);
    expect(await raw.next()).toMatchObject({ hello: 'slurmdesk-executor', version: 1 });
    const ask = async (line: string) => {
      raw.socket.write(`${line}\n`);
      return raw.next();
    };
    const refused = (id: number | null, code: string) => ({ id, ok: false, error: expect.objectContaining({ code }) });
    expect(await ask('this is not JSON')).toEqual(refused(null, 'malformed-frame'));
    expect(await ask('{"id":"one","method":"queue","params":{}}')).toEqual(refused(null, 'malformed-frame'));
    expect(await ask('{"id":1,"method":"shutdown","params":{}}')).toEqual(refused(1, 'unknown-method'));
    expect(await ask('{"id":2,"method":"toString","params":{}}')).toEqual(refused(2, 'unknown-method'));
    expect(await ask('{"id":3,"method":"queue","params":{"jobIds":"1"}}')).toEqual(refused(3, 'invalid-params'));
    expect(await ask('{"id":4,"method":"queue","params":{"jobIds":["1;rm -rf ~"]}}')).toEqual(refused(4, 'invalid-slurm-id'));
    const relative = { ...request(space, 'true'), scriptPath: 'job.sh' };
    expect(await ask(JSON.stringify({ id: 5, method: 'submit', params: relative }))).toEqual(refused(5, 'invalid-params'));
    const notAScript = request(space, 'true');
    writeFileSync(notAScript.scriptPath, 'no interpreter line\n');
    expect(await ask(JSON.stringify({ id: 6, method: 'submit', params: notAScript }))).toEqual({
      id: 6,
      ok: false,
      error: { name: 'SchedulerError', code: 'scheduler-rejected', message: expect.stringMatching(/does not look like a batch script/) },
    });
    expect(await ask('{"id":7,"method":"findByComment","params":{"comment":"none"}}')).toEqual({ id: 7, ok: true, result: null });

    // Through the client, the error is the scheduler's own again.
    const error: unknown = await client.submit(notAScript).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchedulerError);
    expect(error).toMatchObject({ code: 'scheduler-rejected' });
    await expect(client.queue(['x'])).rejects.toMatchObject({ name: 'AppError', code: 'invalid-slurm-id' });

    // A line over 64 MiB ends that connection only.
    const huge = await rawConnection(executorSocketPath(space.stateDir)!);
    await huge.next();
    huge.socket.write(Buffer.alloc(65 * 1024 * 1024, 0x61));
    expect(await huge.next()).toEqual(refused(null, 'frame-too-large'));
    await huge.closed;
    expect(await ask('{"id":8,"method":"queue","params":{"jobIds":[]}}')).toEqual({ id: 8, ok: true, result: [] });
    raw.socket.destroy();
  });

  it('replaces a daemon killed outright: removes its socket file and adopts the running task', async () => {
    const space = workspace();
    const client = space.client();
    const marker = join(space.root, 'started');
    // The task runs until the test lets it end: a daemon slow to start again must still find it running.
    const release = join(space.root, 'release');
    const id = await client.submit(request(space, `touch ${marker}; until [ -e ${release} ]; do sleep 0.05; done; echo done`));
    await waitFor(() => existsSync(marker));
    const killed = daemonPid(space.stateDir)!;
    process.kill(killed, 'SIGKILL');
    await waitFor(() => !isSameProcess(killed, null));
    // Its socket file is still there; nothing answers on it.
    expect(existsSync(executorSocketPath(space.stateDir)!)).toBe(true);
    expect(await client.queue([id])).toEqual([expect.objectContaining({ state: 'RUNNING' })]);
    expect(daemonPid(space.stateDir)).not.toBe(killed);
    writeFileSync(release, '');
    expect(await finished(client, id)).toEqual([expect.objectContaining({ state: 'COMPLETED' })]);
    expect(readFileSync(join(space.root, `slurm-${id}.out`), 'utf8')).toBe('done\n');
  });

  it('leaves a submission whose reply was lost unknown (a plain Error) and never sends it twice', async () => {
    const space = workspace();
    const seen: { method: string; connection: number }[] = [];
    // FAKE daemon: drops the connection instead of answering, the first time for each method.
    const server = await fakeDaemon(executorSocketPath(space.stateDir)!, (line, socket, connection) => {
      const { id, method } = JSON.parse(line) as { id: number; method: string };
      seen.push({ method, connection });
      if (seen.filter((each) => each.method === method).length === 1) socket.destroy();
      else socket.write(`${JSON.stringify({ id, ok: true, result: [] })}\n`);
    });
    try {
      // The command would fail if it were started: the fake answers instead.
      const client = space.client({ command: ['/bin/false'] });
      const error: unknown = await client.submit(request(space, 'true')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(SchedulerError);
      expect((error as Error).message).toMatch(/whether it recorded the job is unknown/);
      // A question is simply asked again on a new connection.
      expect(await client.queue(['1'])).toEqual([]);
      expect(seen).toEqual([
        { method: 'submit', connection: 1 },
        { method: 'queue', connection: 2 },
        { method: 'queue', connection: 3 },
      ]);
      expect(client.commandCount).toBe(2);
    } finally {
      server.close();
    }
  });

  it('gives up on a daemon that does not answer: unreachable for a question, unknown for a submission', async () => {
    const space = workspace();
    // FAKE daemon: greets, then never answers.
    const server = await fakeDaemon(executorSocketPath(space.stateDir)!, () => {});
    try {
      const client = new ExecutorClient({ stateDir: space.stateDir, command: ['/bin/false'], requestTimeoutMs: 200 });
      clients.push(client);
      await expect(client.queue(['1'])).rejects.toMatchObject({ name: 'SchedulerError', code: 'scheduler-unreachable', message: expect.stringMatching(/no answer within 0\.2 s/) });
      const error: unknown = await client.submit(request(space, 'true')).catch((caught: unknown) => caught);
      expect(error).not.toBeInstanceOf(SchedulerError);
      expect((error as Error).message).toMatch(/whether it recorded the job is unknown/);
    } finally {
      server.close();
    }
  });

  it('fails as scheduler-unreachable, naming the log, when the daemon cannot start', async () => {
    const space = workspace();
    const client = space.client({ command: [process.execPath, '-e', 'process.exit(3)'] });
    const error: unknown = await client.queue(['1']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchedulerError);
    expect(error).toMatchObject({ code: 'scheduler-unreachable', message: expect.stringContaining(join(space.stateDir, 'executor.log')) });
    expect((error as Error).message).toMatch(/exited with status 3/);
  });

  it('lets only one daemon hold a folder: a second one exits at once with status 0', async () => {
    const space = workspace();
    const daemon = await startExecutorDaemon(space.stateDir, { idleMs: 60_000, logger: () => silentLogger });
    expect(daemon).not.toBeNull();
    try {
      expect(await startExecutorDaemon(space.stateDir, { logger: () => silentLogger })).toBeNull();
      const second = spawn(process.execPath, [cli, 'executor', space.stateDir], { stdio: 'ignore' });
      expect(await new Promise((resolve) => second.once('exit', resolve))).toBe(0);
      expect(readFileSync(join(space.stateDir, 'executor.log'), 'utf8')).toMatch(/Not started: process \d+ already runs the jobs of this folder/);
      const client = space.client({ command: ['/bin/false'] });
      expect(await client.submit(request(space, 'true'))).toBe('1');
    } finally {
      await daemon!.stop('test over');
    }
    expect(existsSync(daemon!.socketPath)).toBe(false);
  });

  it('puts the socket of a deep state folder in a private folder of this user', async () => {
    const space = workspace();
    const deep = join(space.root, 'a-rather-long-folder-name-for-a-socket'.repeat(3), 'state');
    expect(Buffer.byteLength(join(deep, 'executor.sock'))).toBeGreaterThan(108);
    const client = new ExecutorClient({ stateDir: deep, command: [process.execPath, cli, 'executor', deep, '--idle-ms', '200'] });
    expect(await client.findByComment('nothing')).toBeNull();
    await client.close();
    const socketPath = executorSocketPath(deep)!;
    expect(socketPath.startsWith(process.env.XDG_RUNTIME_DIR || tmpdir())).toBe(true);
    expect(socketPath).not.toContain(`slurmdesk-${process.getuid!()}/`);
    expect(statSync(join(socketPath, '..')).mode & 0o777).toBe(0o700);
    const pid = daemonPid(deep);
    if (pid !== null) await waitFor(() => !isSameProcess(pid, null));
  });
});
