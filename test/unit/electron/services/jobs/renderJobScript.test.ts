import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobFolderPath, sanitizeJobName } from '../../../../../electron/services/jobs/jobFolder';
import { renderJobScript } from '../../../../../electron/services/jobs/renderJobScript';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';

const hostile = [`it's "quoted"`, '$(touch /tmp/pwned)', '`id`', 'a; rm -rf ~', 'line\nbreak\r', '~ * ? [x]', '-n', '\u202Eevil\u200B', 'back\\slash'];

function runScript(environment: Record<string, string>, body: string) {
  const jobDir = mkdtempSync(join(tmpdir(), 'slurmdesk-script-'));
  const spec = JobSpecSchema.parse({ name: 'probe', cluster: 'embedded', task: { kind: 'script', body }, environment });
  const script = renderJobScript({ spec, jobId: 'sd-0000000000000001', jobDir, workdir: jobDir, directives: ['--job-name=probe', '--output=/a b/out.txt'] });
  writeFileSync(join(jobDir, 'job.sh'), script);
  writeFileSync(join(jobDir, 'script.sh'), body);
  let output: string;
  try {
    output = execFileSync('bash', [join(jobDir, 'job.sh')], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  } catch (error) {
    output = String((error as { stdout?: unknown }).stdout ?? ''); // a job that fails on purpose
  }
  return { jobDir, script, output };
}

describe('renderJobScript', () => {
  it('passes every hostile environment value through to the job byte for byte', () => {
    const environment = Object.fromEntries(hostile.map((value, index) => [`V${index}`, value]));
    const body = hostile.map((_, index) => `printf '%s\\0' "$V${index}"`).join('\n');
    const { output } = runScript(environment, body);
    expect(output.split('\0').slice(0, -1)).toEqual(hostile);
  });

  it('writes start and end markers with the exit status', () => {
    const { jobDir } = runScript({}, 'exit 3');
    expect(JSON.parse(readFileSync(join(jobDir, 'started.json'), 'utf8'))).toHaveProperty('startedAt');
    expect(JSON.parse(readFileSync(join(jobDir, 'ended.json'), 'utf8'))).toMatchObject({ exitCode: 3 });
  });

  it('quotes a directive value with a space so sbatch reads the #SBATCH line', () => {
    const { script } = runScript({}, 'true');
    expect(script).toContain('#SBATCH --output="/a b/out.txt"');
    expect(script).toContain('#SBATCH --job-name=probe');
  });
});

describe('job folders', () => {
  it('are {base}/{sanitized-name}/{YYYYMMDD_HHMMSS}_{8hex} with ~ expanded', () => {
    const path = jobFolderPath({ baseDir: '~/slurm_jobs', homeDir: '/home/ada', name: 'fit.model', now: new Date('2026-11-26T07:05:09Z') });
    expect(path).toMatch(/^\/home\/ada\/slurm_jobs\/fit\.model\/20261126_070509_[0-9a-f]{8}$/);
  });

  it('never lets a name climb out of its folder', () => {
    expect(sanitizeJobName('../../etc')).toBe('__.._etc');
    expect(sanitizeJobName('..')).toBe('_');
    expect(() => jobFolderPath({ baseDir: 'relative', homeDir: '/h', name: 'x', now: new Date() })).toThrow(/absolute/);
  });
});
