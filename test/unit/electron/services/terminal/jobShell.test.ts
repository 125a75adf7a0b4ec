import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../../../../electron/services/backends/types';
import { chooseNode, jobPlacement, jobShellArgv, resolveJob, runningJobs } from '../../../../../electron/services/terminal/jobShell';

/** Answers squeue and scontrol as Slurm 22.05 prints them (a fake: no scheduler in unit tests). */
function fakeRunner(answers: Record<string, { stdout: string; exitCode?: number; stderr?: string }>): CommandRunner & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    run: async (argv) => {
      asked.push([...argv]);
      const answer = answers[argv[0]!] ?? { stdout: '' };
      return { stdout: answer.stdout, stderr: answer.stderr ?? '', exitCode: answer.exitCode ?? 0 };
    },
  };
}

describe('a shell inside a job', () => {
  it('expands a multi-node list and runs on the node asked for, or the first', async () => {
    const runner = fakeRunner({ squeue: { stdout: 'RUNNING|c[01-02]\n' }, scontrol: { stdout: 'c01\nc02\n' } });
    const placement = await jobPlacement(runner, '77');
    expect(placement).toEqual({ state: 'RUNNING', nodes: ['c01', 'c02'] });
    expect(chooseNode(placement!, '77', null)).toBe('c01');
    expect(chooseNode(placement!, '77', 'c02')).toBe('c02');
    expect(() => chooseNode(placement!, '77', 'c09')).toThrow('Job 77 runs on c01, c02, not on c09.');
  });

  it('refuses a job that is not running, saying its state', () => {
    expect(() => chooseNode({ state: 'PENDING', nodes: [] }, '5', null)).toThrow(/Job 5 is pending/);
  });

  it('builds srun argv with --overlap on one node, and refuses an id that is not one', () => {
    expect(jobShellArgv('123', 'c01')).toEqual(['srun', '--jobid=123', '--overlap', '--pty', '--nodes=1', '--ntasks=1', '--nodelist=c01']);
    expect(() => jobShellArgv('1;reboot', 'c01')).toThrow(/not a Slurm job id/);
  });

  it('names a job by the app\'s id (its cluster) or by a Slurm id with a cluster', () => {
    const lookup = () => ({ cluster: 'hpc', slurmId: '9' });
    expect(resolveJob('sd-0123456789abcdef', null, lookup)).toEqual({ cluster: 'hpc', slurmId: '9', appId: 'sd-0123456789abcdef' });
    expect(resolveJob('9', 'local', lookup)).toEqual({ cluster: 'local', slurmId: '9', appId: null });
    expect(() => resolveJob('9', null, lookup)).toThrow(/--cluster/);
  });

  it('asks once for all jobs which run, and takes "invalid job id" as none', async () => {
    const runner = fakeRunner({ squeue: { stdout: '4|RUNNING\n5|COMPLETING\n' } });
    expect(await runningJobs(runner, ['4', '5', '6'])).toEqual(new Set(['4']));
    expect(runner.asked).toEqual([['squeue', '-h', '-j', '4,5,6', '-o', '%i|%T']]);
    const gone = fakeRunner({ squeue: { stdout: '', exitCode: 1, stderr: 'slurm_load_jobs error: Invalid job id specified' } });
    expect(await runningJobs(gone, ['4'])).toEqual(new Set());
  });
});
