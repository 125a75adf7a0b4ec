import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJobScript } from '../../../../../electron/services/jobs/renderJobScript';
import { noPackaging, type PackagingPlan } from '../../../../../electron/services/packaging/preparePackaging';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';
import type { ContainerSpec } from '../../../../../shared/jobs/packagingSpec';

/**
 * A fake runtime (the real Apptainer and Pyxis do not run on these machines): a program on PATH
 * that records the words it was started with, so the command line job.sh builds can be compared
 * with the documented syntax word for word.
 */
function fakeRuntime(bin: string, name: string) {
  writeFileSync(join(bin, name), `#!/bin/sh\n[ "$1" = --help ] && { echo '  --container-image=[USER@][REGISTRY#]IMAGE[:TAG]|PATH'; exit 0; }\nprintf '%s\\0' "$@" > "$ARGV_FILE"\n`);
  chmodSync(join(bin, name), 0o755);
}

function runJob(options: { container?: ContainerSpec; plan?: Partial<PackagingPlan>; fakes?: string[]; kind?: 'script' | 'python' }) {
  const jobDir = mkdtempSync(join(tmpdir(), 'slurmdesk-env-'));
  const bin = join(jobDir, 'fake-bin');
  mkdirSync(bin);
  for (const fake of options.fakes ?? []) fakeRuntime(bin, fake);
  const task = options.kind === 'python' ? { kind: 'python', target: 'pkg.mod:run' } : { kind: 'script', body: 'echo hi' };
  const spec = JobSpecSchema.parse({ name: 'probe', cluster: 'embedded', task, environment: { MY_SETTING: 'x' } });
  const packaging: PackagingPlan = { ...noPackaging, container: options.container ?? null, ...options.plan };
  const script = renderJobScript({ spec, jobId: 'sd-0000000000000001', jobDir, workdir: jobDir, directives: [], packaging });
  writeFileSync(join(jobDir, 'job.sh'), script);
  writeFileSync(join(jobDir, 'script.sh'), 'echo hi\n');
  const argvFile = join(jobDir, 'argv');
  const outcome = spawnSync('bash', [join(jobDir, 'job.sh')], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, ARGV_FILE: argvFile } });
  const argv = existsSync(argvFile) ? readFileSync(argvFile, 'utf8').split('\0').slice(0, -1) : null;
  const error = existsSync(join(jobDir, 'error.json')) ? (JSON.parse(readFileSync(join(jobDir, 'error.json'), 'utf8')) as { type: string; message: string }) : null;
  return { jobDir, argv, error, outcome };
}

describe('container command lines', () => {
  it('Apptainer and Singularity: exec --bind JOBDIR --pwd WORKDIR IMAGE, then the task', () => {
    for (const runtime of ['apptainer', 'singularity'] as const) {
      const { jobDir, argv } = runJob({ container: { runtime, image: '/images/app.sif' }, fakes: [runtime] });
      expect(argv).toEqual(['exec', '--bind', jobDir, '--pwd', jobDir, '/images/app.sif', 'bash', `${jobDir}/script.sh`]);
    }
  });

  it('Pyxis: srun --container-image --container-mounts SRC:DST --container-workdir, one task', () => {
    const { jobDir, argv } = runJob({ container: { runtime: 'pyxis', image: 'nvcr.io#nvidia/pytorch:24.01-py3' }, fakes: ['srun'], kind: 'python' });
    expect(argv).toEqual([
      '--ntasks=1',
      '--nodes=1',
      '--container-image=nvcr.io#nvidia/pytorch:24.01-py3',
      `--container-mounts=${jobDir}:${jobDir}`,
      `--container-workdir=${jobDir}`,
      'python3',
      `${jobDir}/slurmdesk_runner.py`,
      '--job-dir',
      jobDir,
      '--target',
      'pkg.mod:run',
      '--workdir',
      jobDir,
    ]);
  });

  it('Podman: run --rm with the job folder mounted at its own path and the environment passed by name', () => {
    const { jobDir, argv } = runJob({ container: { runtime: 'podman', image: 'localhost/app:1' }, fakes: ['podman'] });
    const expected = ['run', '--rm', '--network=host', '-v', `${jobDir}:${jobDir}`, '-w', jobDir];
    expect(argv!.slice(0, expected.length)).toEqual(expected);
    expect(argv).toContain('MY_SETTING');
    expect(argv!.slice(-3)).toEqual(['localhost/app:1', 'bash', `${jobDir}/script.sh`]);
  });

  it('says in the job error when the runtime is not on the node', () => {
    const { error, argv } = runJob({ container: { runtime: 'apptainer', image: 'docker://python:3.11' } });
    expect(argv).toBeNull();
    expect(error).toMatchObject({ type: 'ContainerRuntimeMissing', message: expect.stringContaining('apptainer is not installed') });
  });
});

describe('venv', () => {
  it('a failed build is reported with its log and is never used', () => {
    const cache = mkdtempSync(join(tmpdir(), 'slurmdesk-venvs-'));
    const folder = join(cache, 'venvs', 'k1');
    const plan: PackagingPlan['environment'] = { kind: 'venv', key: 'k1', folder, installs: ['--no-index', 'no-such-package-anywhere'], source: 'requirements.txt', ownWheel: null };
    const first = runJob({ plan: { environment: plan }, kind: 'python' });
    expect(first.outcome.status).toBe(1);
    expect(first.error).toMatchObject({ type: 'EnvironmentBuildError', message: expect.stringContaining(`${folder}.log`) });
    expect(first.outcome.stderr).toContain('no-such-package-anywhere');
    expect(readFileSync(join(first.jobDir, 'environment.log'), 'utf8')).toContain('no-such-package-anywhere');
    expect(existsSync(join(folder, '.complete'))).toBe(false);
  });
});
