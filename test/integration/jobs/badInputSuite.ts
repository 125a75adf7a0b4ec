import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { openHarness, type EngineHarness } from './engineHarness';

const script = { kind: 'script', body: 'true' } as const;

/** Each entry: a spec that must be refused, and the field (or words) the error must name. */
export const invalidSpecs: [string, Record<string, unknown>, RegExp][] = [
  ['a job name with a space', { name: 'two words', task: script }, /^name: /],
  ['a job name with a newline', { name: 'a\nb', task: script }, /^name: /],
  ['a partition with shell characters', { name: 'x', task: script, resources: { partition: 'debug;rm -rf ~' } }, /^resources\.partition: /],
  ['an account with a space', { name: 'x', task: script, resources: { account: 'my account' } }, /^resources\.account: /],
  ['a qos with a quote', { name: 'x', task: script, resources: { qos: "normal'" } }, /^resources\.qos: /],
  ['a malformed time', { name: 'x', task: script, resources: { time: '25:61:61x' } }, /^resources\.time: /],
  ['a zero time limit', { name: 'x', task: script, resources: { time: '0' } }, /^resources\.time: .*zero/],
  ['a memory size in an unknown unit', { name: 'x', task: script, resources: { mem: '4Q' } }, /^resources\.mem: /],
  ['a negative cpu count', { name: 'x', task: script, resources: { cpusPerTask: -1 } }, /^resources\.cpusPerTask: /],
  ['a fractional node count', { name: 'x', task: script, resources: { nodes: 1.5 } }, /^resources\.nodes: /],
  ['GPUs that are not a count', { name: 'x', task: script, resources: { gpus: 'many' } }, /^resources\.gpus: /],
  ['an extra directive overriding --output', { name: 'x', task: script, resources: { extra: ['--output=/etc/passwd'] } }, /^resources\.extra\.0: .*set by Slurm Desk itself/],
  ['an extra directive overriding --output by its prefix', { name: 'x', task: script, resources: { extra: ['--outp=/etc/passwd'] } }, /^resources\.extra\.0: --outp \(sbatch reads it as --output\)/],
  ['an extra directive with a newline', { name: 'x', task: script, resources: { extra: ['--exclusive\n#SBATCH --wrap=id'] } }, /^resources\.extra\.0: /],
  ['an environment name starting with a digit', { name: 'x', task: script, environment: { '1X': 'v' } }, /^environment\.1X: /],
  ['an environment name the scheduler owns', { name: 'x', task: script, environment: { SLURM_JOB_ID: '1' } }, /^environment\.SLURM_JOB_ID: /],
  ['an environment value with a NUL byte', { name: 'x', task: script, environment: { X: 'a\0b' } }, /^environment\.X: /],
  ['an array range that ends before it starts', { name: 'x', task: script, array: { range: '5-1' } }, /^array/],
  ['an empty item list', { name: 'x', task: script, array: { items: [] } }, /^array/],
  ['an array of more than 100,000 tasks', { name: 'x', task: script, array: { range: '0-100000' } }, /^array/],
  ['a dependency on a malformed Slurm id', { name: 'x', task: script, dependencies: [{ type: 'afterok', on: { slurmId: '12;34' } }] }, /^dependencies\.0/],
  ['a dependency of an unknown type', { name: 'x', task: script, dependencies: [{ type: 'before', on: { slurmId: '12' } }] }, /^dependencies\.0\.type: /],
  ['a Python target without a function', { name: 'x', task: { kind: 'python', target: 'tasks.py' } }, /^task\.target: /],
  ['an interpreter with a space', { name: 'x', task: { kind: 'python', target: 'pkg.mod:f', interpreter: 'python 3' } }, /^task\.interpreter: /],
  ['a keyword argument that is not an identifier', { name: 'x', task: { kind: 'python', target: 'pkg.mod:f', kwargs: { 'not-ok': 1 } } }, /^task\.kwargs\.not-ok: /],
  ['a setup line with a newline', { name: 'x', task: { kind: 'python', target: 'pkg.mod:f', setup: ['module load a\nrm -rf ~'] } }, /^task\.setup\.0: /],
  ['a script with a NUL byte', { name: 'x', task: { kind: 'script', body: 'echo \0' } }, /^task\.body: /],
  ['a relative upload root', { name: 'x', task: script, upload: { root: 'relative/path' } }, /^upload\.root: /],
  ['an upload path escaping its root', { name: 'x', task: script, upload: { root: '/tmp', include: ['../etc/passwd'] } }, /^upload\.include\.0: /],
  ['an unknown field', { name: 'x', task: script, password: 'hunter2' }, /does not know: password/],
];

/** Bad input is refused before anything is written or submitted, with the field named. */
export function defineBadInputTests(cluster: 'embedded' | 'local', options: { realPartitions: boolean }): void {
  let harness: EngineHarness;
  beforeAll(() => {
    harness = openHarness(cluster);
  });
  afterAll(() => harness?.close());

  const nothingHappened = (commandsBefore: number) => {
    expect(harness.services.backend(cluster).scheduler.commandCount).toBe(commandsBefore);
    expect(harness.services.engine.list()).toEqual([]);
    const jobsDir = join(harness.dataDir, 'jobs');
    expect(existsSync(jobsDir) ? readdirSync(jobsDir) : []).toEqual([]);
  };

  it.each(invalidSpecs)('refuses %s, naming the field, and submits nothing', async (_label, spec, field) => {
    const before = harness.services.backend(cluster).scheduler.commandCount;
    const error = await harness.submit(spec as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid-spec', message: expect.stringMatching(field) });
    nothingHappened(before);
  });

  it('refuses an oversize spec before parsing it', async () => {
    const before = harness.services.backend(cluster).scheduler.commandCount;
    const items = Array.from({ length: 90_000 }, () => 'x'.repeat(100));
    const error = await harness.submit({ name: 'big', task: script, array: { items } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid-spec', message: expect.stringMatching(/bytes; the limit is/) });
    nothingHappened(before);
  });

  it('refuses a missing interpreter with what to do', async () => {
    harness.writeFile('t.py', 'def f():\n    return 1\n');
    const before = harness.services.backend(cluster).scheduler.commandCount;
    const error = await harness
      .submit({ name: 'x', task: { kind: 'python', target: 't.py:f', interpreter: '/nonexistent/python3' }, upload: { root: harness.workDir, include: ['t.py'] } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'interpreter-missing', message: expect.stringMatching(/\/nonexistent\/python3 was not found/) });
    nothingHappened(before);
  });

  if (options.realPartitions) {
    it('reports what Slurm said about a partition that does not exist, and leaves no job queued', async () => {
      const error = await harness.submit({ name: 'x', task: script, resources: { partition: 'nope' } }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'scheduler-rejected', message: expect.stringMatching(/nope/) });
      const [record] = harness.services.engine.list();
      expect(record).toMatchObject({ state: 'SUBMIT_FAILED', slurmId: null });
      expect(await harness.services.backend(cluster).scheduler.findByComment(`slurmdesk:${record!.id}`)).toBeNull();
    });
  }
}
