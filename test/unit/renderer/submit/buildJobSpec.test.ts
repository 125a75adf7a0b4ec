import { describe, expect, it } from 'vitest';
import type { PartitionOverview } from '../../../../shared/clusters/partitionOverview';
import { buildJobSpec } from '../../../../renderer/submit/buildJobSpec';
import { initialFields, type SubmitFields } from '../../../../renderer/submit/submitFields';

const form = (change: Partial<SubmitFields>): SubmitFields => ({ ...initialFields, name: 'job', body: 'echo hi', ...change });

const debug: PartitionOverview = {
  name: 'debug', isDefault: false, available: 'up', timeLimit: '1:00:00', maxTimeMinutes: 60,
  nodes: { total: 1, idle: 1, mixed: 0, allocated: 0, down: 0, other: 0 }, cpus: { idle: 4, total: 4 }, gpus: { free: 0, total: 0 },
};

function errorsOf(fields: SubmitFields, partitions: PartitionOverview[] = []) {
  const built = buildJobSpec(fields, { partitions });
  return built.ok ? {} : built.errors;
}

describe('buildJobSpec', () => {
  it('builds a script job with an array range', () => {
    const built = buildJobSpec(form({ arrayMode: 'range', arrayRange: '0-99%10', time: '30' }));
    expect(built).toEqual({ ok: true, spec: expect.objectContaining({ array: { range: '0-99%10' }, resources: { time: '30', extra: [] } }) });
  });

  it('says where JSON args break, by line and column, and that args must be an array', () => {
    const python = { kind: 'python' as const, pythonModule: 'pkg', pythonFunction: 'run' };
    expect(errorsOf(form({ ...python, args: '[1,\n  2,,]' })).args).toBe("Args are not valid JSON at line 2, column 5: expected a value, found \",\"");
    expect(errorsOf(form({ ...python, args: '{"a": 1}' })).args).toMatch(/must be a JSON array/);
    expect(errorsOf(form({ ...python, kwargs: '[1]' })).kwargs).toMatch(/must be a JSON object/);
    expect(errorsOf(form({ ...python, kwargs: '{"bad name": 1}' })).kwargs).toMatch(/Python identifier/);
  });

  it('refuses a bad array range with the range checker’s words', () => {
    expect(errorsOf(form({ arrayMode: 'range', arrayRange: '5-1' })).arrayRange).toBe('The range 5-1 ends before it starts');
    expect(errorsOf(form({ arrayMode: 'range', arrayRange: '0-9%0' })).arrayRange).toMatch(/%max/);
  });

  it('turns CSV rows into one item per task, quoted fields included', () => {
    const built = buildJobSpec(form({ arrayMode: 'items', itemsFormat: 'csv', arrayItems: 'sample,note\nA,"x, y"\nB,"say ""hi"""\n', arrayMaxParallel: '2' }));
    expect(built.ok && built.spec.array).toEqual({ items: [{ sample: 'A', note: 'x, y' }, { sample: 'B', note: 'say "hi"' }], maxParallel: 2 });
  });

  it('checks the time against the chosen partition’s limit', () => {
    expect(errorsOf(form({ partition: 'debug', time: '2:00:00' }), [debug]).time).toBe('The debug partition allows at most 1:00:00');
    expect(errorsOf(form({ partition: 'debug', time: 'UNLIMITED' }), [debug]).time).toBe('The debug partition allows at most 1:00:00');
    expect(errorsOf(form({ partition: 'debug', time: '45:00' }), [debug]).time).toBeUndefined();
    expect(errorsOf(form({ partition: 'other', time: '2:00:00' }), [debug]).time).toBeUndefined();
  });

  it('puts the shared schema’s messages on their fields, so nothing is sent', () => {
    const errors = errorsOf(form({ name: 'bad name', partition: 'a b', time: 'soon', mem: 'lots', cpusPerTask: 'four', extra: '--partition=x', body: '' }));
    expect(errors).toEqual({
      name: expect.stringMatching(/job name/),
      partition: expect.stringMatching(/partition may contain only/),
      time: expect.stringMatching(/time limit looks like/),
      mem: expect.stringMatching(/Memory looks like/),
      cpusPerTask: 'CPUs per task is a whole number, like 4',
      extra: '--partition is set from its own field, not as an extra directive',
      body: 'The script is empty',
    });
  });

  it('needs a module and a function for a Python task', () => {
    expect(errorsOf(form({ kind: 'python' }))).toMatchObject({ pythonModule: expect.any(String), pythonFunction: expect.any(String) });
  });
});

describe('buildJobSpec: the environment fields', () => {
  it('adds packaging only when the form asks for more than the system Python', () => {
    expect(buildJobSpec(form({}))).toMatchObject({ ok: true, spec: expect.not.objectContaining({ packaging: expect.anything() }) });
    expect(buildJobSpec(form({ containerRuntime: 'podman', containerImage: 'localhost/app:1' }))).toMatchObject({
      ok: true,
      spec: { packaging: { python: 'system', container: { runtime: 'podman', image: 'localhost/app:1' } } },
    });
  });

  it('puts a bad image on the image field', () => {
    const built = buildJobSpec(form({ containerRuntime: 'apptainer', containerImage: 'a b; rm -rf ~' }));
    expect(built.ok).toBe(false);
    expect(!built.ok && built.errors.containerImage).toBeTruthy();
  });
});
