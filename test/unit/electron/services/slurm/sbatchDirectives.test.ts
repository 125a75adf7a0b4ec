import { describe, expect, it } from 'vitest';
import type { SubmitRequest } from '../../../../../electron/services/backends/types';
import { dependencyValue, sbatchDirectives, sbatchScriptLine } from '../../../../../electron/services/slurm/sbatchDirectives';

const dir = '/home/ada/slurm_jobs/train/20260101_120000_0123abcd';
const minimal: SubmitRequest = {
  clientId: 'sd-0123456789abcdef',
  name: 'train',
  scriptPath: `${dir}/job.sh`,
  workdir: dir,
  stdoutPath: `${dir}/stdout-%j.txt`,
  stderrPath: `${dir}/stderr-%j.txt`,
  resources: { extra: [] },
  array: null,
  dependencies: [],
  comment: 'sd-0123456789abcdef',
};

describe('sbatchDirectives', () => {
  it('always names, tags and places the job', () => {
    expect(sbatchDirectives(minimal)).toEqual([
      '--job-name=train',
      '--comment=sd-0123456789abcdef',
      `--output=${dir}/stdout-%j.txt`,
      `--error=${dir}/stderr-%j.txt`,
      `--chdir=${dir}`,
    ]);
  });

  it('adds every resource in a fixed order, then the array, dependencies and extra directives verbatim', () => {
    const full: SubmitRequest = {
      ...minimal,
      resources: {
        partition: 'debug', account: 'proj-1', qos: 'normal', time: '1-12:00:00', nodes: 2, ntasks: 8, cpusPerTask: 4,
        mem: '16G', memPerCpu: '2000', gpus: 'a100:2', gres: 'gpu:a100:2', constraint: 'skylake&ib',
        extra: ['--exclusive', '--mail-type=END'],
      },
      array: '0-99%5',
      dependencies: [
        { type: 'afterok', slurmId: '12' },
        { type: 'afterany', slurmId: '14' },
        { type: 'afterok', slurmId: '13' },
      ],
    };
    expect(sbatchDirectives(full).slice(5)).toEqual([
      '--partition=debug', '--time=1-12:00:00', '--nodes=2', '--ntasks=8', '--cpus-per-task=4', '--mem=16G',
      '--mem-per-cpu=2000', '--gpus=a100:2', '--gres=gpu:a100:2', '--constraint=skylake&ib', '--qos=normal',
      '--account=proj-1', '--array=0-99%5', '--dependency=afterok:12:13,afterany:14', '--exclusive', '--mail-type=END',
    ]);
  });

  it.each([
    ['a newline in a path', { ...minimal, stdoutPath: '/tmp/x\n#SBATCH --uid=0' }],
    ['a carriage return in the name', { ...minimal, name: 'x\r' }],
    ['a NUL in the comment', { ...minimal, comment: 'sd-\0' }],
    ['a newline in an extra directive', { ...minimal, resources: { extra: ['--exclusive\n#SBATCH --x'] } }],
  ])('refuses %s, even though the schemas should have already', (_label, request) => {
    expect(() => sbatchDirectives(request)).toThrow(/line break or NUL/);
  });

  it.each(['--outp=/home/ada/.bashrc', '-o/tmp/x', '--chd=/', '--clusters=other'])('refuses the managed option in extra %s, even though the schema should have already', (extra) => {
    expect(() => sbatchDirectives({ ...minimal, resources: { extra: [extra] } })).toThrow(/The extra sbatch directive was not submitted: .*Slurm Desk itself/);
  });

  it('refuses a dependency that is not a Slurm job id', () => {
    expect(() => sbatchDirectives({ ...minimal, dependencies: [{ type: 'afterok', slurmId: '12,afterany:1' }] })).toThrow(/not a Slurm job id/);
  });
});

describe('dependencyValue', () => {
  it('groups ids by type in first-seen order, one id once', () => {
    expect(dependencyValue([])).toBeNull();
    expect(dependencyValue([{ type: 'after', slurmId: '7_3' }])).toBe('after:7_3');
    expect(
      dependencyValue([
        { type: 'afternotok', slurmId: '5' },
        { type: 'afterok', slurmId: '6' },
        { type: 'afternotok', slurmId: '5' },
        { type: 'afternotok', slurmId: '8' },
      ]),
    ).toBe('afternotok:5:8,afterok:6');
  });
});

describe('sbatchScriptLine', () => {
  it('writes plain values as they are and double-quotes a value with whitespace', () => {
    expect(sbatchScriptLine('--exclusive')).toBe('#SBATCH --exclusive');
    expect(sbatchScriptLine('--output=/home/ada/jobs/%j.txt')).toBe('#SBATCH --output=/home/ada/jobs/%j.txt');
    expect(sbatchScriptLine('--output=/home/ada/My Jobs/%j.txt')).toBe('#SBATCH --output="/home/ada/My Jobs/%j.txt"');
    expect(sbatchScriptLine('--chdir=/a\tb')).toBe('#SBATCH --chdir="/a\tb"');
  });

  it('refuses what no #SBATCH line can carry', () => {
    expect(() => sbatchScriptLine('--output=/tmp/a"b')).toThrow(/double quote/);
    expect(() => sbatchScriptLine('--output=/tmp/a\n#SBATCH --x')).toThrow(/line break/);
  });
});
