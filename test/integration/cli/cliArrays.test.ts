import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../build/scripts/build.mjs';
import { runCli } from '../../support/runCliBinary';

let home: string;
let scriptArray: string;
let pythonArray: string;

async function submit(args: string[]): Promise<string> {
  const run = await runCli(['submit', ...args, '--wait', '--json'], { home, cwd: home });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout).job.id as string;
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'slurmdesk-cli-arrays-'));
  await buildCli();
  writeFileSync(join(home, 'tasks.sh'), 'echo "output of task $SLURM_ARRAY_TASK_ID"\n');
  scriptArray = await submit([join(home, 'tasks.sh'), '--array', '0-3']);
  writeFileSync(join(home, 'square.py'), 'def square(x):\n    if x == 2:\n        raise ValueError("two is not welcome")\n    return x * x\n');
  pythonArray = await submit(['--python', 'square.py:square', '--items', '[1, 2, 3]']);
}, 180_000);

describe('logs and result of an array job', () => {
  it('logs prints every task with a header line each', async () => {
    const run = await runCli(['logs', scriptArray], { home });
    expect(run.code).toBe(0);
    for (const task of [0, 1, 2, 3]) expect(run.stdout).toContain(`==> task ${task} (COMPLETED) stdout.${task}.txt <==\noutput of task ${task}\n`);
    const json = JSON.parse((await runCli(['logs', scriptArray, '--json'], { home })).stdout) as { tasks: { index: number; text: string }[] };
    expect(json.tasks.map((task) => [task.index, task.text])).toEqual([0, 1, 2, 3].map((task) => [task, `output of task ${task}\n`]));
  });

  it('logs --task N prints that task only; a task the array lacks is refused', async () => {
    expect(await runCli(['logs', scriptArray, '--task', '2'], { home })).toMatchObject({ code: 0, stdout: 'output of task 2\n' });
    const missing = await runCli(['logs', scriptArray, '--task', '7'], { home });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no task 7; its tasks are 0-3/);
  });

  it('logs --follow on an array asks for --task', async () => {
    const run = await runCli(['logs', scriptArray, '--follow', '--json'], { home });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toMatch(/--follow reads one task's output: give --task N/);
  });

  it('logs of a large array says how to pick one task', async () => {
    const large = await submit([join(home, 'tasks.sh'), '--array', '0-24']);
    const run = await runCli(['logs', large], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/array of 25 tasks, too many to print together; pick one with: slurmdesk logs sd-[0-9a-f]+ --task N \(tasks 0-24/);
  });

  it('result summarizes each task, and --task N gives one in full', async () => {
    const summary = await runCli(['result', pythonArray], { home });
    expect(summary.code).toBe(1);
    expect(summary.stdout).toMatch(/^0 +COMPLETED +1$/m);
    expect(summary.stdout).toMatch(/^1 +FAILED +ValueError: two is not welcome$/m);
    expect(summary.stdout).toMatch(/^2 +COMPLETED +9$/m);
    const one = await runCli(['result', pythonArray, '--task', '2', '--json'], { home });
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ kind: 'json', value: 9 });
    const json = JSON.parse((await runCli(['result', pythonArray, '--json'], { home })).stdout) as { tasks: { index: number; result: { kind: string } }[] };
    expect(json.tasks.map((task) => [task.index, task.result.kind])).toEqual([[0, 'json'], [1, 'error'], [2, 'json']]);
  });

  it('--task on a job that is not an array is refused', async () => {
    writeFileSync(join(home, 'one.sh'), 'echo one\n');
    const single = await submit([join(home, 'one.sh')]);
    const run = await runCli(['logs', single, '--task', '0'], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not an array job: leave out --task/);
  });
});

describe('results, files and download of an array job', () => {
  it('results writes every task as one CSV or JSON table, the failure noted in its row', async () => {
    const csv = await runCli(['results', pythonArray], { home });
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('task,state,elapsed_s,item,value,note');
    expect(lines.slice(1).map((line) => line.split(',').filter((_cell, index) => index !== 2))).toEqual([
      ['0', 'COMPLETED', '1', '1', ''],
      ['1', 'FAILED', '2', '', 'ValueError: two is not welcome'],
      ['2', 'COMPLETED', '3', '9', ''],
    ]);
    const json = JSON.parse((await runCli(['results', pythonArray, '--format', 'json'], { home })).stdout) as { rows: Record<string, unknown>[] };
    expect(json.rows.map((row) => row.value)).toEqual([1, null, 9]);
    expect((await runCli(['results', pythonArray, '--format', 'xml'], { home })).code).toBe(2);
  });

  it('files lists the job folder, and download copies it or one file, resuming when asked', async () => {
    const listed = JSON.parse((await runCli(['files', pythonArray, '--json'], { home })).stdout) as { entries: { name: string; kind: string }[] };
    expect(listed.entries.map((entry) => entry.name)).toEqual(expect.arrayContaining(['result.0.json', 'error.1.json', 'stdout.2.txt']));
    const to = join(home, 'fetched');
    const folder = JSON.parse((await runCli(['download', pythonArray, '--to', to, '--json'], { home })).stdout) as { downloads: { localPath: string; files: number }[] };
    expect(folder.downloads[0]!.files).toBeGreaterThan(5);
    const one = JSON.parse((await runCli(['download', pythonArray, 'result.2.json', '--to', to, '--json'], { home })).stdout) as { downloads: { localPath: string }[] };
    expect(one.downloads[0]!.localPath).toBe(join(to, 'result.2.json'));
    const again = JSON.parse((await runCli(['download', pythonArray, 'result.2.json', '--to', to, '--resume', '--json'], { home })).stdout) as { downloads: { localPath: string }[] };
    expect(again.downloads[0]!.localPath).toBe(join(to, 'result.2.json'));
    expect((await runCli(['download', pythonArray, '../x'], { home })).code).toBe(2);
  });
});
