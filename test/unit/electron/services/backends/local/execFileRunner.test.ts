import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandEnvironment, createExecFileRunner } from '../../../../../../electron/services/backends/local/execFileRunner';
import { SchedulerError } from '../../../../../../electron/services/backends/types';

// Real processes, no Slurm needed. Lives here until test/unit/electron/services/backends/local/
// exists (that folder belongs to another change); it mirrors electron/services/backends/local/.
describe('createExecFileRunner', () => {
  const runner = createExecFileRunner();

  it('runs argv without a shell: $(…), ; and quotes reach the program as plain text', async () => {
    const hostile = ["$(touch /tmp/slurmdesk-pwned)", '`id`', 'a; rm -rf /', "it's", '*'];
    const result = await runner.run(['printf', '%s\\n', ...hostile]);
    expect(result).toEqual({ stdout: `${hostile.join('\n')}\n`, stderr: '', exitCode: 0 });
    expect(existsSync('/tmp/slurmdesk-pwned')).toBe(false);
  });

  it('returns a non-zero exit as a result with its stderr', async () => {
    const result = await runner.run(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
  });

  it('says plainly when a Slurm command is not installed', async () => {
    const error = await runner.run(['sbatch-not-installed-here', '--parsable']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchedulerError);
    expect(error).toMatchObject({ code: 'scheduler-unreachable', message: expect.stringMatching(/^sbatch-not-installed-here is not installed on this computer/) });
  });

  it('gives the program stdin, and EOF when there is none (nothing waits forever)', async () => {
    expect((await runner.run(['cat'], { stdin: 'from stdin' })).stdout).toBe('from stdin');
    expect((await runner.run(['cat'], { timeoutMs: 5_000 })).stdout).toBe('');
  });

  it('kills a command that outlives its timeout and calls the scheduler unreachable', async () => {
    const started = Date.now();
    const error = await runner.run(['sleep', '30'], { timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'scheduler-unreachable', message: expect.stringMatching(/did not finish within/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops a command when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const running = runner.run(['sleep', '30'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('carries 100,000 lines of output (a big squeue)', async () => {
    const result = await runner.run(['sh', '-c', 'seq 1 100000 | sed "s/$/|1|N\\/A|PENDING|None|0:00|UNLIMITED|1|(None)/"']);
    expect(result.stdout.split('\n')).toHaveLength(100_001);
  });

  it('reports a program killed by a signal as 128 + the signal', async () => {
    expect((await runner.run(['sh', '-c', 'kill -TERM $$'])).exitCode).toBe(143);
  });
});

describe('commandEnvironment', () => {
  it('drops variables that change what Slurm prints or selects, keeps the rest', () => {
    const env = commandEnvironment({ PATH: '/usr/bin', HOME: '/root', SLURM_TIME_FORMAT: 'relative', SQUEUE_USERS: 'bob', SACCT_FORMAT: 'x', SBATCH_PARTITION: 'debug' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/root', SBATCH_PARTITION: 'debug', SLURM_TIME_FORMAT: '%Y-%m-%dT%H:%M:%S%z' });
  });

  it('is what the runner passes to the program', async () => {
    const result = await createExecFileRunner({ env: { PATH: process.env.PATH, SQUEUE_STATES: 'all', KEEP: 'yes' } }).run(['env']);
    expect(result.stdout).toMatch(/^KEEP=yes$/m);
    expect(result.stdout).not.toMatch(/SQUEUE_STATES/);
    expect(result.stdout).toMatch(/^SLURM_TIME_FORMAT=%Y-%m-%dT%H:%M:%S%z$/m);
  });
});
