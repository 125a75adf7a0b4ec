import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../build/scripts/build.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
let home: string;

/** Runs the CLI as a person would, in a scratch home and data folder. */
function slurmdesk(args: string[], options: { viaNpx?: boolean } = {}) {
  const command = options.viaNpx ? ['npx', ['--no-install', 'slurmdesk', ...args]] : [process.execPath, [join(root, 'out/cli/main.mjs'), ...args]];
  const result = spawnSync(command[0] as string, command[1] as string[], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, SLURMDESK_HOME: join(home, 'data') },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'slurmdesk-cli-home-'));
  await buildCli();
});

describe('slurmdesk command line', () => {
  it('runs the README example through npx and prints the result as JSON', () => {
    const run = slurmdesk(['submit', '--cluster', 'embedded', '--python', 'examples/hello.py:greet', '--kwargs', '{"name":"x"}', '--wait', '--json'], { viaNpx: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.job).toMatchObject({ cluster: 'embedded', state: 'COMPLETED', name: 'greet' });
    expect(output.result).toMatchObject({ kind: 'json', value: { greeting: 'Hello, x!' } });
    expect(output.job.jobDir.startsWith(join(home, 'slurm_jobs', 'greet'))).toBe(true);
  });

  it('lists, shows, and reads the logs and result of that job', () => {
    const jobs = JSON.parse(slurmdesk(['jobs', '--json']).stdout).jobs;
    expect(jobs).toHaveLength(1);
    const id = jobs[0].id as string;
    expect(JSON.parse(slurmdesk(['status', id, '--json']).stdout).job.state).toBe('COMPLETED');
    expect(JSON.parse(slurmdesk(['result', id, '--json']).stdout)).toMatchObject({ kind: 'json' });
    expect(slurmdesk(['logs', id]).code).toBe(0);
    expect(slurmdesk(['jobs']).stdout).toMatch(/COMPLETED\s+greet/);
  });

  it('exits 1 when a waited-for job fails, and shows the traceback', () => {
    const script = join(home, 'fail.sh');
    writeFileSync(script, 'echo about to fail >&2\nexit 4\n');
    const run = slurmdesk(['submit', script, '--wait', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).job).toMatchObject({ state: 'FAILED', exit: { code: 4 } });
  });

  it.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['submit', '--nosuchflag'], /Unknown option '--nosuchflag'/],
    [['submit', '--python', 'examples/hello.py:greet', '--kwargs', '{nope'], /--kwargs is not valid JSON/],
    [['submit'], /Give either a script file or --python/],
    [['status'], /status takes exactly one job id/],
  ])('exits 2 with a hint on a usage error: %j', (args, message) => {
    const run = slurmdesk(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/slurmdesk --help/);
  });

  it('exits 2 (the command line was wrong) and names the field for an invalid value, in JSON too', () => {
    const run = slurmdesk(['submit', '--python', 'examples/hello.py:greet', '--partition', 'debug;id', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'invalid-spec', message: expect.stringMatching(/^resources\.partition:/) });
    expect(run.stderr).toMatch(/resources\.partition/);
  });

  it('says what to do for an unknown job and an unknown cluster', () => {
    expect(slurmdesk(['status', 'sd-ffffffffffffffff'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/No job sd-ffffffffffffffff/) });
    expect(slurmdesk(['submit', join(root, 'examples', 'hello.py'), '--cluster', 'nowhere'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/No cluster named "nowhere"/) });
  });

  it('imports Host aliases from an ssh config, and keeps them only with --save', () => {
    const config = join(home, 'ssh_config');
    writeFileSync(config, 'Host gw\n  HostName gateway.example.org\n  User ada\nHost hpc\n  HostName login.hpc.example.org\n  User ada\n  Port 2200\n  IdentityFile ~/.ssh/id_hpc\n  ProxyJump gw\nHost *.internal\n  User x\n');
    const found = JSON.parse(slurmdesk(['clusters', 'import', config, '--json']).stdout);
    expect(found.profiles.map((profile: { name: string }) => profile.name)).toEqual(['gw', 'hpc']);
    expect(found.profiles[1]).toMatchObject({ host: 'login.hpc.example.org', port: 2200, jump: [{ host: 'gateway.example.org', user: 'ada' }] });
    expect(JSON.parse(slurmdesk(['clusters', 'list', '--json']).stdout).profiles).toEqual([]);
    expect(slurmdesk(['clusters', 'import', config, '--save']).code).toBe(0);
    expect(slurmdesk(['clusters', 'list']).stdout).toMatch(/hpc\s+ada@login\.hpc\.example\.org:2200 via gateway\.example\.org/);
  });

  it('prints help with exit 0 and the version', () => {
    expect(slurmdesk(['--help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/slurmdesk submit/) });
    expect(slurmdesk(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
