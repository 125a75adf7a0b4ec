import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJobScript } from '../../../electron/services/jobs/renderJobScript';
import { buildOwnWheel } from '../../../electron/services/packaging/ownWheel';
import { noPackaging } from '../../../electron/services/packaging/preparePackaging';
import { JobSpecSchema } from '../../../shared/jobs/jobSpec';

const runner = join(import.meta.dirname, '..', '..', '..', 'electron', 'services', 'jobs', 'runner', 'slurmdesk_runner.py');

// Real pip and setuptools on this computer and in the job: no daemon, but seconds of venv building, so not a unit test.
describe('the wheel mode', () => {
  it('builds the project here, offline, and the job imports it from its own site folder beside the venv', async () => {
    const project = mkdtempSync(join(tmpdir(), 'slurmdesk-wheel-project-'));
    mkdirSync(join(project, 'src', 'shipped'), { recursive: true });
    writeFileSync(join(project, 'pyproject.toml'), '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "shipped"\nversion = "0.1"\n');
    writeFileSync(join(project, 'src', 'shipped', '__init__.py'), 'def where():\n    return __file__\n');
    const wheel = await buildOwnWheel(project);
    expect(wheel.relative).toMatch(/^\.slurmdesk-wheel\/shipped-0\.1-py3-none-any\.whl$/);

    const jobDir = mkdtempSync(join(tmpdir(), 'slurmdesk-wheel-job-'));
    const workdir = join(jobDir, 'project');
    mkdirSync(join(workdir, '.slurmdesk-wheel'), { recursive: true });
    copyFileSync(wheel.absolute, join(workdir, wheel.relative));
    copyFileSync(runner, join(jobDir, 'slurmdesk_runner.py'));
    const folder = join(jobDir, 'cache', 'venvs', 'k');
    const spec = JobSpecSchema.parse({ name: 'wheel', cluster: 'embedded', task: { kind: 'python', target: 'shipped:where', interpreter: '/usr/bin/python3' } });
    const environment = { kind: 'venv' as const, key: 'k', folder, installs: [], source: 'pyproject.toml', ownWheel: wheel.relative };
    writeFileSync(join(jobDir, 'job.sh'), renderJobScript({ spec, jobId: 'sd-0000000000000002', jobDir, workdir, directives: [], packaging: { ...noPackaging, environment } }));
    const outcome = spawnSync('bash', [join(jobDir, 'job.sh')], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    expect(outcome.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(jobDir, 'result.json'), 'utf8'))).toBe(join(jobDir, 'site', 'shipped', '__init__.py'));
  }, 60_000);
});
