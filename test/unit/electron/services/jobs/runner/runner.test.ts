import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const runnerPath = resolve(import.meta.dirname, '../../../../../../electron/services/jobs/runner/slurmdesk_runner.py');

// SLURMDESK_TEST_PYTHON runs the whole suite on another interpreter (e.g. a Python 3.8 build).
// The absolute path lets the isolated-mode test run it with an empty environment.
const python = execFileSync(process.env.SLURMDESK_TEST_PYTHON ?? 'python3', ['-c', 'import sys; print(sys.executable)'], {
  encoding: 'utf8',
}).trim();

const createdDirs: string[] = [];

afterAll(() => {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

type Workspace = { root: string; jobDir: string; workDir: string };

type RunOptions = { taskId?: string; workdir?: string | null; pythonFlags?: string[]; env?: NodeJS.ProcessEnv };

type RunOutcome = { status: number | null; stdout: string; stderr: string };

type ErrorFile = { type: string; message: string; traceback: string };

/** A job folder and a working directory holding the given files (paths relative to the workdir). */
function makeWorkspace(files: Record<string, string> = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-runner-'));
  createdDirs.push(root);
  const jobDir = join(root, 'job');
  const workDir = join(root, 'work');
  mkdirSync(jobDir);
  mkdirSync(workDir);
  for (const [relativePath, content] of Object.entries(files)) writeWorkFile({ root, jobDir, workDir }, relativePath, content);
  return { root, jobDir, workDir };
}

function writeWorkFile(workspace: Workspace, relativePath: string, content: string): void {
  const path = join(workspace.workDir, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function writeJobJson(workspace: Workspace, name: string, value: unknown): void {
  writeFileSync(join(workspace.jobDir, name), JSON.stringify(value));
}

function runnerArgs(workspace: Workspace, target: string, options: RunOptions): string[] {
  const args = [...(options.pythonFlags ?? []), runnerPath, '--job-dir', workspace.jobDir, '--target', target];
  const workdir = options.workdir === undefined ? workspace.workDir : options.workdir;
  if (workdir !== null) args.push('--workdir', workdir);
  if (options.taskId !== undefined) args.push('--task-id', options.taskId);
  return args;
}

function runRunner(workspace: Workspace, target: string, options: RunOptions = {}): RunOutcome {
  const result = spawnSync(python, runnerArgs(workspace, target, options), {
    encoding: 'utf8',
    cwd: workspace.root,
    env: options.env ?? process.env,
    timeout: 15_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jobFile(workspace: Workspace, name: string): string {
  return join(workspace.jobDir, name);
}

function readJobJson(workspace: Workspace, name: string): unknown {
  return JSON.parse(readFileSync(jobFile(workspace, name), 'utf8'));
}

function readError(workspace: Workspace, name = 'error.json'): ErrorFile {
  return readJobJson(workspace, name) as ErrorFile;
}

function jobFiles(workspace: Workspace): string[] {
  return readdirSync(workspace.jobDir).sort();
}

/** Runs the runner and expects success: exit 0, nothing printed by the runner itself. */
function expectSuccess(workspace: Workspace, target: string, options: RunOptions = {}): RunOutcome {
  const outcome = runRunner(workspace, target, options);
  expect(outcome.stderr).toBe('');
  expect(outcome.status).toBe(0);
  return outcome;
}

const tasksPy = `
import math

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

    @staticmethod
    def origin():
        return {"x": 0, "y": 0}

def summary(a, b=10, *rest, **options):
    return {"a": a, "b": b, "rest": list(rest), "options": options}

def echo(*args, **kwargs):
    return {"args": list(args), "kwargs": kwargs}

def stats():
    return {"mean": 2.5, "labels": ["x", "y"], "nested": {"ok": True, "none": None}}

def nothing():
    print("hello from the function")

def fail(reason="boom"):
    raise ValueError(reason)

def maybe_fail(fail=False):
    if fail:
        raise RuntimeError("asked to fail")
    return "fine"

def a_set():
    return {3, 1, 2}

def a_point():
    return Point(1, 2)

def not_a_number():
    return {"value": math.nan}

def a_lambda():
    return lambda: 1

def big_repr():
    return set(["x" * (2 * 1024 * 1024)])

def exit_with(code):
    import sys
    sys.exit(code)

def sleeper():
    import sys, time
    print("ready", flush=True)
    time.sleep(30)
    sys.stdout.write("not reached\\n")
`;

describe('slurmdesk_runner.py: targets and arguments', () => {
  it('calls a function in a file and saves the dict it returns as result.json', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    expectSuccess(workspace, 'tasks.py:stats');
    expect(readJobJson(workspace, 'result.json')).toEqual({ mean: 2.5, labels: ['x', 'y'], nested: { ok: true, none: null } });
    expect(jobFiles(workspace)).toEqual(['result.json']);
  });

  it('imports a module target from a package in the workdir', () => {
    const workspace = makeWorkspace({
      'pkg/__init__.py': '',
      'pkg/helpers.py': 'FACTOR = 3\n',
      'pkg/mod.py': 'from pkg.helpers import FACTOR\n\ndef triple(x):\n    return x * FACTOR\n',
    });
    writeJobJson(workspace, 'args.json', { args: [14] });
    expectSuccess(workspace, 'pkg.mod:triple');
    expect(readJobJson(workspace, 'result.json')).toBe(42);
  });

  it('lets a file import its siblings, from an absolute path and a subfolder', () => {
    const workspace = makeWorkspace({
      'lib/helper.py': 'def greet(name):\n    return "hello " + name\n',
      'lib/entry.py': 'from helper import greet\n\ndef run(name):\n    return greet(name)\n',
    });
    writeJobJson(workspace, 'args.json', { kwargs: { name: 'slurm' } });
    expectSuccess(workspace, join(workspace.workDir, 'lib', 'entry.py') + ':run');
    expect(readJobJson(workspace, 'result.json')).toBe('hello slurm');
  });

  it('resolves a nested attribute (Class.method)', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    expectSuccess(workspace, 'tasks.py:Point.origin');
    expect(readJobJson(workspace, 'result.json')).toEqual({ x: 0, y: 0 });
  });

  it('passes args and kwargs from args.json', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { args: [1, 2, 3], kwargs: { mode: 'fast', depth: { n: 2 } } });
    expectSuccess(workspace, 'tasks.py:summary');
    expect(readJobJson(workspace, 'result.json')).toEqual({ a: 1, b: 2, rest: [3], options: { mode: 'fast', depth: { n: 2 } } });
  });

  it('calls with no arguments when args.json is missing, and passes the function output through', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    const outcome = expectSuccess(workspace, 'tasks.py:nothing');
    expect(outcome.stdout).toBe('hello from the function\n');
    expect(readJobJson(workspace, 'result.json')).toBeNull();
  });

  it('runs in the workdir (the current directory by default)', () => {
    const workspace = makeWorkspace({ 'where.py': 'import os\n\ndef cwd():\n    return os.getcwd()\n' });
    expectSuccess(workspace, 'where.py:cwd');
    expect(readJobJson(workspace, 'result.json')).toBe(workspace.workDir);

    const byDefault = makeWorkspace();
    writeFileSync(join(byDefault.root, 'where.py'), 'import os\n\ndef cwd():\n    return os.getcwd()\n');
    expectSuccess(byDefault, 'where.py:cwd', { workdir: null });
    expect(readJobJson(byDefault, 'result.json')).toBe(byDefault.root);
  });
});

describe('slurmdesk_runner.py: array tasks', () => {
  it('turns an object item into kwargs, a list into args and anything else into one argument', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'items.json', [{ x: 1, y: 'two' }, [1, 'b'], 'solo', null]);
    for (const taskId of ['0', '1', '2', '3']) expectSuccess(workspace, 'tasks.py:echo', { taskId });
    expect(readJobJson(workspace, 'result.0.json')).toEqual({ args: [], kwargs: { x: 1, y: 'two' } });
    expect(readJobJson(workspace, 'result.1.json')).toEqual({ args: [1, 'b'], kwargs: {} });
    expect(readJobJson(workspace, 'result.2.json')).toEqual({ args: ['solo'], kwargs: {} });
    expect(readJobJson(workspace, 'result.3.json')).toEqual({ args: [null], kwargs: {} });
    expect(existsSync(jobFile(workspace, 'result.json'))).toBe(false);
  });

  it('fails a task whose id is past the end of items.json', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'items.json', [1, 2]);
    const outcome = runRunner(workspace, 'tasks.py:echo', { taskId: '2' });
    expect(outcome.status).toBe(1);
    const error = readError(workspace, 'error.2.json');
    expect(error.type).toBe('ArgumentsError');
    expect(error.message).toMatch(/task id 2 is out of range.*2 item/);
  });

  it('gives every task args.json when there is no items.json', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { args: ['same'], kwargs: { k: 1 } });
    expectSuccess(workspace, 'tasks.py:echo', { taskId: '5' });
    expect(readJobJson(workspace, 'result.5.json')).toEqual({ args: ['same'], kwargs: { k: 1 } });
  });

  it('refuses a task id that is not a non-negative integer', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    const outcome = runRunner(workspace, 'tasks.py:echo', { taskId: '-1' });
    expect(outcome.status).toBe(2);
    expect(readError(workspace).type).toBe('UsageError');
  });
});

describe('slurmdesk_runner.py: result references', () => {
  const reference = (path: string) => ({ $slurmdesk: 'result', path });

  it('replaces a reference with the JSON value of the upstream result, at any depth', () => {
    const upstream = makeWorkspace();
    const upstreamResult = join(upstream.jobDir, 'result.json');
    writeFileSync(upstreamResult, JSON.stringify({ rows: [1, 2, 3] }));
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', {
      args: [reference(upstreamResult), [{ inner: reference(upstreamResult) }]],
      kwargs: { data: reference(upstreamResult) },
    });
    expectSuccess(workspace, 'tasks.py:echo');
    expect(readJobJson(workspace, 'result.json')).toEqual({
      args: [{ rows: [1, 2, 3] }, [{ inner: { rows: [1, 2, 3] } }]],
      kwargs: { data: { rows: [1, 2, 3] } },
    });
  });

  it('passes an item that is a reference as one argument', () => {
    const upstream = makeWorkspace();
    writeFileSync(join(upstream.jobDir, 'result.4.json'), JSON.stringify({ a: 1 }));
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'items.json', [reference(join(upstream.jobDir, 'result.4.json'))]);
    expectSuccess(workspace, 'tasks.py:echo', { taskId: '0' });
    expect(readJobJson(workspace, 'result.0.json')).toEqual({ args: [{ a: 1 }], kwargs: {} });
  });

  it('fails with ResultReferenceError when the referenced file is missing', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    const missing = join(workspace.root, 'upstream', 'result.json');
    writeJobJson(workspace, 'args.json', { kwargs: { data: reference(missing) } });
    const outcome = runRunner(workspace, 'tasks.py:echo');
    expect(outcome.status).toBe(1);
    const error = readError(workspace);
    expect(error.type).toBe('ResultReferenceError');
    expect(error.message).toContain(missing);
    expect(error.message).toMatch(/upstream job may not have produced a result/);
    expect(outcome.stderr).toMatch(/ResultReferenceError/);
    expect(jobFiles(workspace)).toEqual(['args.json', 'error.json']);
  });

  it('fails with ResultReferenceError when the referenced file is not JSON', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    const broken = join(workspace.root, 'result.json');
    writeFileSync(broken, '{"truncated": ');
    writeJobJson(workspace, 'args.json', { args: [reference(broken)] });
    expect(runRunner(workspace, 'tasks.py:echo').status).toBe(1);
    const error = readError(workspace);
    expect(error.type).toBe('ResultReferenceError');
    expect(error.message).toContain(broken);
    expect(error.message).toMatch(/not valid JSON/);
  });
});

describe('slurmdesk_runner.py: results that are not JSON', () => {
  it.each([
    ['a set', 'tasks.py:a_set', '{1, 2, 3}'],
    ['an object instance', 'tasks.py:a_point', 'Point(1, 2)'],
    ['NaN', 'tasks.py:not_a_number', "{'value': nan}"],
  ])('saves %s as result.pkl and result.repr.txt, with no result.json', (_label, target, expectedRepr) => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    expectSuccess(workspace, target);
    expect(jobFiles(workspace)).toEqual(['result.pkl', 'result.repr.txt']);
    expect(readFileSync(jobFile(workspace, 'result.repr.txt'), 'utf8')).toBe(expectedRepr);
    // The pickle round-trips in a fresh interpreter that can import the user's module.
    const script = 'import pickle,sys; print(repr(pickle.load(open(sys.argv[1], "rb"))))';
    const unpickled = execFileSync(python, ['-c', script, jobFile(workspace, 'result.pkl')], {
      cwd: workspace.workDir,
      encoding: 'utf8',
    });
    expect(unpickled.trim()).toBe(expectedRepr);
  });

  it('truncates a huge repr to 1 MiB and says so', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    expectSuccess(workspace, 'tasks.py:big_repr');
    const text = readFileSync(jobFile(workspace, 'result.repr.txt'), 'utf8');
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(text.length).toBeLessThan(1024 * 1024 + 500);
    expect(text).toMatch(/\[truncated: .*result\.pkl\]\n$/);
  });

  it('fails with ResultNotSerializableError when the value cannot be pickled either', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    expect(runRunner(workspace, 'tasks.py:a_lambda').status).toBe(1);
    const error = readError(workspace);
    expect(error.type).toBe('ResultNotSerializableError');
    expect(error.message).toMatch(/neither JSON .* nor picklable/);
    expect(jobFiles(workspace)).toEqual(['error.json']);
  });

  it('names the array task in the file names', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    expectSuccess(workspace, 'tasks.py:a_set', { taskId: '7' });
    expect(jobFiles(workspace)).toEqual(['result.7.pkl', 'result.7.repr.txt']);
  });
});

describe('slurmdesk_runner.py: failures', () => {
  it('writes error.json and exits 1 when the function raises', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { args: ['bad input'] });
    const outcome = runRunner(workspace, 'tasks.py:fail');
    expect(outcome.status).toBe(1);
    const error = readError(workspace);
    expect(error.type).toBe('ValueError');
    expect(error.message).toBe('bad input');
    expect(error.traceback).toMatch(/in fail\n/);
    expect(error.traceback).toMatch(/ValueError: bad input\n$/);
    expect(outcome.stderr).toMatch(/Traceback \(most recent call last\)[\s\S]*ValueError: bad input/);
    expect(jobFiles(workspace)).toEqual(['args.json', 'error.json']);
  });

  it('qualifies an exception class defined by the user module', () => {
    const workspace = makeWorkspace({
      'pkg/__init__.py': '',
      'pkg/errors.py': 'class Outer:\n    class Problem(Exception):\n        pass\n\ndef fail():\n    raise Outer.Problem("nested")\n',
    });
    expect(runRunner(workspace, 'pkg.errors:fail').status).toBe(1);
    expect(readError(workspace)).toMatchObject({ type: 'pkg.errors.Outer.Problem', message: 'nested' });
  });

  it.each([
    ['no colon', 'tasks.py'],
    ['an empty function part', 'tasks.py:'],
    ['an empty module part', ':stats'],
    ['a function part that is not a name', 'tasks.py:not-a-name'],
  ])('exits 2 with UsageError for a target with %s', (_label, target) => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    const outcome = runRunner(workspace, target);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/^usage: slurmdesk_runner\.py/);
    expect(readError(workspace).type).toBe('UsageError');
  });

  it('exits 2 when a required option is missing, still writing error.json', () => {
    const workspace = makeWorkspace();
    const result = spawnSync(python, [runnerPath, '--job-dir', workspace.jobDir], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--target/);
    expect(readError(workspace).type).toBe('UsageError');

    spawnSync(python, [runnerPath, '--job-dir', workspace.jobDir, '--task-id', '4'], { encoding: 'utf8' });
    expect(readError(workspace, 'error.4.json').message).toMatch(/--target/);
  });

  it('says which file is missing and where it was looked for', () => {
    const workspace = makeWorkspace();
    expect(runRunner(workspace, 'scripts/missing.py:run').status).toBe(1);
    const error = readError(workspace);
    expect(error.type).toBe('FileNotFoundError');
    expect(error.message).toBe(`file not found: ${join(workspace.workDir, 'scripts', 'missing.py')} (relative to workdir ${workspace.workDir})`);
  });

  it('says which module cannot be imported, and which files the upload holds', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy, 'mypkg/__init__.py': '' });
    expect(runRunner(workspace, 'nopkg.mod:run').status).toBe(1);
    const error = readError(workspace);
    expect(error.type).toBe('ModuleNotFoundError');
    expect(error.message).toMatch(/^cannot import 'nopkg\.mod': No module named 'nopkg'/);
    expect(error.message).toContain('files there: tasks.py, mypkg/__init__.py');
  });

  it('says which attribute is missing', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    expect(runRunner(workspace, 'tasks.py:nope').status).toBe(1);
    expect(readError(workspace)).toMatchObject({ type: 'AttributeError', message: "'tasks.py' has no attribute 'nope' (target tasks.py:nope)" });
  });

  it('exits with the status given to sys.exit and records it', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { args: [3] });
    const outcome = runRunner(workspace, 'tasks.py:exit_with');
    expect(outcome.status).toBe(3);
    const error = readError(workspace);
    expect(error.type).toBe('SystemExit');
    expect(error.message).toBe('exit status 3');
  });

  it('exits 1 for sys.exit with a message, printing it like Python does', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { args: ['giving up'] });
    const outcome = runRunner(workspace, 'tasks.py:exit_with');
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe('giving up\n');
    expect(readError(workspace)).toMatchObject({ type: 'SystemExit', message: 'exit status 1: giving up' });
  });

  it('treats sys.exit(0) and sys.exit() as success with a null result', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { args: [0] });
    expectSuccess(workspace, 'tasks.py:exit_with');
    expect(readJobJson(workspace, 'result.json')).toBeNull();
    writeJobJson(workspace, 'args.json', { args: [null] });
    expectSuccess(workspace, 'tasks.py:exit_with');
    expect(jobFiles(workspace)).toEqual(['args.json', 'result.json']);
  });

  it('counts sys.exit(0) in module-level code as a failure: the function never ran', () => {
    const workspace = makeWorkspace({ 'script.py': 'import sys\nsys.exit(0)\n\ndef run():\n    return 1\n' });
    expect(runRunner(workspace, 'script.py:run').status).toBe(1);
    expect(readError(workspace).type).toBe('SystemExit');
    expect(readError(workspace).message).toMatch(/^exit status 0 \(module-level code called sys.exit/);
  });

  it('writes a Terminated error and exits 143 on SIGTERM', async () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    const child = spawn(python, runnerArgs(workspace, 'tasks.py:sleeper', {}), { cwd: workspace.root });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
    await new Promise<void>((resolveReady, rejectReady) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ready')) resolveReady();
      });
      child.on('close', () => rejectReady(new Error(`runner ended before it was ready: ${stderr}`)));
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const error = readError(workspace);
    expect(error.type).toBe('Terminated');
    expect(error.message).toMatch(/SIGTERM/);
    expect(error.traceback).toMatch(/in sleeper\n/);
    // Only a prefix: with PYTHONUNBUFFERED the signal may land between print's "ready" and its newline.
    expect(stdout).toMatch(/^ready/);
    expect(stdout).not.toContain('not reached');
    expect(jobFiles(workspace)).toEqual(['error.json']);
  });
});

describe('slurmdesk_runner.py: files on disk', () => {
  it('leaves no .tmp- files behind after successes and failures', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'items.json', [[1, 2], ['bad']]);
    expectSuccess(workspace, 'tasks.py:stats');
    expectSuccess(workspace, 'tasks.py:Point', { taskId: '0' });
    runRunner(workspace, 'tasks.py:fail', { taskId: '1' });
    const files = jobFiles(workspace);
    expect(files).toEqual(['error.1.json', 'items.json', 'result.0.pkl', 'result.0.repr.txt', 'result.json']);
    expect(files.filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('removes a stale error.json when a requeued job succeeds, and a stale result when it fails', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { kwargs: { fail: true } });
    expect(runRunner(workspace, 'tasks.py:maybe_fail').status).toBe(1);
    expect(jobFiles(workspace)).toEqual(['args.json', 'error.json']);

    writeJobJson(workspace, 'args.json', { kwargs: { fail: false } });
    expectSuccess(workspace, 'tasks.py:maybe_fail');
    expect(jobFiles(workspace)).toEqual(['args.json', 'result.json']);
    expect(readJobJson(workspace, 'result.json')).toBe('fine');

    writeFileSync(jobFile(workspace, 'result.pkl'), 'stale');
    writeFileSync(jobFile(workspace, '.tmp-result.json.abc123'), 'left by a killed attempt');
    writeJobJson(workspace, 'args.json', { kwargs: { fail: true } });
    expect(runRunner(workspace, 'tasks.py:maybe_fail').status).toBe(1);
    expect(jobFiles(workspace)).toEqual(['args.json', 'error.json']);
  });

  it("only clears the files of its own array task", () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'items.json', [1, 2]);
    writeFileSync(jobFile(workspace, 'error.0.json'), '{}');
    expectSuccess(workspace, 'tasks.py:echo', { taskId: '1' });
    expect(jobFiles(workspace)).toEqual(['error.0.json', 'items.json', 'result.1.json']);
  });
});

describe('slurmdesk_runner.py: portability', () => {
  it('imports only standard-library modules', () => {
    // With -I -S there is no site-packages and no user environment: whatever resolves is stdlib.
    const script = [
      'import ast, importlib.util, json, sys',
      'tree = ast.parse(open(sys.argv[1]).read())',
      'names = set()',
      'for node in ast.walk(tree):',
      '    if isinstance(node, ast.Import): names.update(alias.name.split(".")[0] for alias in node.names)',
      '    elif isinstance(node, ast.ImportFrom): names.add((node.module or "").split(".")[0] if node.level == 0 else "<relative>")',
      'print(json.dumps({"names": sorted(names), "missing": sorted(n for n in names if n == "<relative>" or importlib.util.find_spec(n) is None)}))',
    ].join('\n');
    const report = JSON.parse(execFileSync(python, ['-I', '-S', '-c', script, runnerPath], { encoding: 'utf8', env: {} })) as {
      names: string[];
      missing: string[];
    };
    expect(report.names).toContain('json');
    expect(report.missing).toEqual([]);
  });

  it('runs a job in isolated mode with an empty environment', () => {
    const workspace = makeWorkspace({ 'tasks.py': tasksPy });
    writeJobJson(workspace, 'args.json', { args: [1], kwargs: { b: 2 } });
    expectSuccess(workspace, 'tasks.py:summary', { pythonFlags: ['-I', '-S'], env: {} });
    expect(readJobJson(workspace, 'result.json')).toEqual({ a: 1, b: 2, rest: [], options: {} });
  });

  it('parses under the Python 3.8 grammar', () => {
    const check = 'import ast, sys; ast.parse(open(sys.argv[1]).read(), feature_version=(3, 8))';
    const result = spawnSync(python, ['-c', check, runnerPath], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
