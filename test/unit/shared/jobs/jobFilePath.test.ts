import { describe, expect, it } from 'vitest';
import { methods } from '../../../../shared/contract/methods';
import { jobFilePathProblem } from '../../../../shared/jobs/jobFilePath';

describe('jobFilePathProblem', () => {
  it.each(['stdout.txt', 'results/plot.png', 'a b/c-d_e.f', '.hidden', 'x..y', '...'])('accepts the plain relative path %j', (path) => {
    expect(jobFilePathProblem(path)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['/etc/passwd', /relative/],
    ['~/secret', /relative/],
    ['C:/Windows', /relative/],
    ['..', /\.\./],
    ['../other-job/result.json', /\.\./],
    ['data/../../x', /\.\./],
    ['a\\..\\b', /backslash/],
    ['a\0b', /NUL/],
    ['a\nb', /control/],
    ['a//b', /empty or "\."/],
    ['./a', /empty or "\."/],
    ['a/', /empty or "\."/],
    ['x'.repeat(1025), /longer/],
  ])('refuses %j', (path, why) => {
    expect(jobFilePathProblem(path)).toMatch(why);
  });
});

describe('the contract refuses a bad path before any handler runs', () => {
  it('in jobs.readFile, jobs.download and jobs.upload', () => {
    const read = methods['jobs.readFile'].params.safeParse({ id: 'sd-0123456789abcdef', path: '../../etc/passwd' });
    expect(read.success).toBe(false);
    expect(read.error?.issues[0]?.path).toEqual(['path']);
    expect(methods['jobs.download'].params.safeParse({ id: 'sd-0123456789abcdef', path: '/etc/passwd' }).success).toBe(false);
    const upload = { id: 'sd-0123456789abcdef', offset: 0, size: 1, dataBase64: 'eA==', final: true };
    expect(methods['jobs.upload'].params.safeParse({ ...upload, name: 'in\0put' }).success).toBe(false);
    expect(methods['jobs.upload'].params.safeParse({ ...upload, name: 'input.csv' }).success).toBe(true);
  });

  it('caps a read at 1 MiB and an upload chunk under 4 MiB', () => {
    expect(methods['jobs.readFile'].params.safeParse({ id: 'sd-0123456789abcdef', path: 'a', length: 1024 * 1024 + 1 }).success).toBe(false);
    const big = 'A'.repeat(Math.ceil((4 * 1024 * 1024) / 3) * 4 + 4);
    expect(methods['jobs.upload'].params.safeParse({ id: 'sd-0123456789abcdef', name: 'a', offset: 0, size: 1, dataBase64: big, final: false }).success).toBe(false);
  });
});
