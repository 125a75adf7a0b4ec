import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('the folder check at the start of the job script', () => {
  const render = (jobDir: string) =>
    renderJobScript({
      spec: JobSpecSchema.parse({ name: 'probe', cluster: 'embedded', task: { kind: 'script', body: 'true' } }),
      jobId: 'sd-0000000000000001', jobDir, workdir: jobDir, directives: [],
    });
  const run = (jobDir: string) => {
    const scriptDir = mkdtempSync(join(tmpdir(), 'slurmdesk-script-copy-'));
    writeFileSync(join(scriptDir, 'job.sh'), render(jobDir));
    const canary = join(jobDir, 'canary');
    if (existsSync(jobDir)) writeFileSync(join(jobDir, 'script.sh'), `touch ${canary}\n`);
    try {
      execFileSync('bash', [join(scriptDir, 'job.sh')], { encoding: 'utf8', env: { PATH: process.env.PATH }, stdio: 'pipe' });
      return { code: 0, stderr: '', ran: existsSync(canary) };
    } catch (error) {
      const failure = error as { status: number; stderr: string };
      return { code: failure.status, stderr: failure.stderr, ran: existsSync(canary) };
    }
  };

  it('runs the job when the folder and every folder above it are safe', () => {
    const jobDir = mkdtempSync(join(tmpdir(), 'slurmdesk-check-'));
    expect(run(jobDir)).toEqual({ code: 0, stderr: '', ran: true });
  });

  it('refuses, before any marker, when the job folder is writable by others', () => {
    const jobDir = mkdtempSync(join(tmpdir(), 'slurmdesk-check-'));
    chmodSync(jobDir, 0o777);
    const outcome = run(jobDir);
    expect(outcome).toMatchObject({ code: 97, ran: false });
    expect(outcome.stderr).toMatch(/refused to run this job: .*slurmdesk-check-\w+ is writable by others \(mode 777\)/);
    expect(existsSync(join(jobDir, 'started.json'))).toBe(false);
  });

  it('refuses when a folder on the way is group-writable, even through a link', () => {
    const parent = mkdtempSync(join(tmpdir(), 'slurmdesk-check-'));
    const jobDir = join(parent, 'job');
    mkdirSync(jobDir, { mode: 0o700 });
    chmodSync(parent, 0o770);
    const link = join(mkdtempSync(join(tmpdir(), 'slurmdesk-link-')), 'job');
    symlinkSync(jobDir, link);
    const outcome = run(link);
    expect(outcome).toMatchObject({ code: 97, ran: false });
    expect(outcome.stderr).toMatch(/slurmdesk-check-\w+ is writable by others \(mode 770\)/);
  });

  it('refuses when the job folder is gone', () => {
    const outcome = run(join(tmpdir(), 'slurmdesk-check-missing', 'job'));
    expect(outcome).toMatchObject({ code: 97 });
    expect(outcome.stderr).toMatch(/the job folder .* is missing/);
  });
});
