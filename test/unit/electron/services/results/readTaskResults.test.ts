import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExecFileRunner } from '../../../../../electron/services/backends/local/execFileRunner';
import { parseTaskFiles, readTaskResults, maxTaskResultBytes } from '../../../../../electron/services/results/readTaskResults';
import { rowContent } from '../../../../../electron/services/results/resultRows';

function jobFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'results-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('readTaskResults', () => {
  it('reads every task file with one command and splits them back apart', async () => {
    const dir = jobFolder({
      'result.0.json': '{"lr":0.1,"loss":0.5}',
      'result.1.json': '{"lr":0.2,\n "loss":0.25}\n',
      'error.2.json': '{"type":"ValueError","message":"bad lr"}',
      'result.3.repr.txt': '<object at 0x1>',
      'result.10.json': '{"note":"==> ./result.4.json <== inside a string"}',
      'stdout.0.txt': 'not read',
    });
    const read = await readTaskResults(createExecFileRunner(), dir);
    expect([...read.files.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 10]);
    expect(rowContent(read.files.get(0)!)).toEqual({ kind: 'json', cells: { lr: 0.1, loss: 0.5 }, note: null });
    expect(rowContent(read.files.get(1)!).cells).toEqual({ lr: 0.2, loss: 0.25 });
    expect(rowContent(read.files.get(2)!)).toEqual({ kind: 'error', cells: {}, note: 'ValueError: bad lr' });
    expect(rowContent(read.files.get(3)!).kind).toBe('repr');
    expect(rowContent(read.files.get(10)!).cells).toEqual({ note: '==> ./result.4.json <== inside a string' });
    expect(read.truncated).toBe(false);
  });

  it('cuts a large result file and says so instead of parsing half of it', async () => {
    const dir = jobFolder({ 'result.5.json': JSON.stringify({ data: 'x'.repeat(maxTaskResultBytes * 2) }) });
    const read = await readTaskResults(createExecFileRunner(), dir);
    expect(rowContent(read.files.get(5)!).kind).toBe('too-large');
  });

  it('splits the output of several heads one after another (find runs more than one for a large array)', () => {
    const dir = jobFolder({ 'result.1.json': '{"a":1}', 'result.2.json': '{"a":2}', 'result.3.json': '{"a":3}\n' });
    const head = (...names: string[]) => execFileSync('head', ['-v', '-c', '100', '--', ...names], { cwd: dir }).toString();
    const output = head('./result.1.json') + head('./result.2.json', './result.3.json');
    const read = parseTaskFiles(output);
    expect([1, 2, 3].map((task) => rowContent(read.files.get(task)!).cells)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('keeps the header of a single file (head -v)', () => {
    const output = execFileSync('head', ['-v', '-c', '100', '--', './result.7.json'], { cwd: jobFolder({ 'result.7.json': '{"a":1}' }) }).toString();
    expect(rowContent(parseTaskFiles(output).files.get(7)!).cells).toEqual({ a: 1 });
  });
});
