import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExecFileRunner } from '../../../../../electron/services/backends/local/execFileRunner';
import { grepTaskLogs } from '../../../../../electron/services/results/grepTaskLogs';

describe('grepTaskLogs', () => {
  it('lists matching lines per task, a few each, searching for the text literally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grep-'));
    writeFileSync(join(dir, 'stdout.0.txt'), 'start\nloss=0.5 [x]\nend\n');
    writeFileSync(join(dir, 'stdout.12.txt'), Array.from({ length: 10 }, (_, index) => `loss=${index} [x]`).join('\n'));
    writeFileSync(join(dir, 'stdout.3.txt'), 'nothing here\n');
    writeFileSync(join(dir, 'stderr.0.txt'), 'loss=1 [x]\n');
    const hits = await grepTaskLogs(createExecFileRunner(), dir, { text: '[x]', stream: 'stdout', perTask: 3 });
    expect(hits.tasks.map((task) => task.task)).toEqual([0, 12]);
    expect(hits.tasks[0]).toEqual({ task: 0, lines: [{ line: 2, text: 'loss=0.5 [x]' }], more: false });
    expect(hits.tasks[1]!.lines).toHaveLength(3);
    expect(hits.tasks[1]!.more).toBe(true);
    // A text that starts with a dash is a text, not an option of grep.
    expect((await grepTaskLogs(createExecFileRunner(), dir, { text: '-v', stream: 'stdout', perTask: 3 })).tasks).toEqual([]);
  });
});
