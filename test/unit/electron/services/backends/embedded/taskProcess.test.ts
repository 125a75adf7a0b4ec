import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTaskWrapper, launchTask, readExitFile } from '../../../../../../electron/services/backends/embedded/taskProcess';

/**
 * An executor killed between starting a task and saving its pid left a task on disk as running
 * with no pid; the next executor settled it as lost while it still ran. It now finds the task's
 * wrapper by its command line (which ends with the task's own exit file) and adopts it.
 */
if (process.platform !== 'linux') console.warn('Skipping findTaskWrapper: it reads /proc, which only Linux has.');
describe.skipIf(process.platform !== 'linux')('findTaskWrapper', () => {
  it('finds the running wrapper of a task by its exit file, and nothing for another task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slurmdesk-wrapper-'));
    const script = join(dir, 'job.sh');
    writeFileSync(script, '#!/bin/bash\nsleep 1\n');
    const exitFile = join(dir, 'task.exit');
    const launched = launchTask({ scriptPath: script, workdir: dir, stdoutPath: join(dir, 'out'), stderrPath: join(dir, 'out'), exitFile, env: process.env });

    expect(findTaskWrapper(exitFile)).toEqual({ pid: launched.pid, procStart: launched.procStart });
    expect(findTaskWrapper(join(dir, 'other.exit'))).toBeNull();

    await new Promise((resolve) => launched.child.once('exit', resolve));
    expect(readExitFile(exitFile)).toBe(0);
    expect(findTaskWrapper(exitFile)).toBeNull();
  });
});
