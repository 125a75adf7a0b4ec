import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../build/scripts/build.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
let home: string;
let projectDir: string;

/** The CLI as a person runs it inside a project folder, with a scratch data folder. */
function slurmdesk(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(root, 'out/cli/main.mjs'), ...args], {
    cwd: join(projectDir, 'src'),
    encoding: 'utf8',
    env: { ...process.env, HOME: home, SLURMDESK_HOME: join(home, 'data'), SLURM_ENV: '', SLURMFILE: '', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'slurmdesk-slurmfile-cli-'));
  projectDir = join(home, 'project');
  mkdirSync(join(projectDir, 'src'), { recursive: true });
  mkdirSync(join(projectDir, 'hooks'));
  writeFileSync(join(projectDir, 'hooks', 'log.mjs'), `import { appendFileSync } from 'node:fs';
export function logEvent(event, path) { appendFileSync(path, event.event + '\\n'); }
`);
  writeFileSync(join(projectDir, 'Slurmfile'), `[default.cluster]
backend = "embedded"

[default.submit]
time = "0:30"

[default.templates.hello]
command = "echo hello from the template"

[default]
callbacks = [{ target = "./hooks/log.mjs:logEvent", args = [${JSON.stringify(join(home, 'events.txt'))}] }]
`);
  await buildCli();
});

describe('slurmdesk with a Slurmfile', () => {
  it('finds the Slurmfile walking up, shows its hash and callback targets, and refuses its callbacks until trusted', () => {
    const shown = slurmdesk(['slurmfile', 'show', '--json']);
    expect(shown.code).toBe(0);
    const view = JSON.parse(shown.stdout);
    expect(view).toMatchObject({ file: join(projectDir, 'Slurmfile'), trusted: false, callbacks: [{ target: './hooks/log.mjs:logEvent', runs: true }] });

    const refused = slurmdesk(['submit', '--template', 'hello']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`not trusted in this exact content (SHA-256 ${view.sha256}`);
    const wrongHash = slurmdesk(['submit', '--template', 'hello', '--trust', 'f'.repeat(64)]);
    expect(wrongHash.code).toBe(1);
    expect(wrongHash.stderr).toContain(`has SHA-256 ${view.sha256}`);

    expect(slurmdesk(['slurmfile', 'trust', view.sha256]).code).toBe(0);
    const submitted = slurmdesk(['submit', '--template', 'hello', '--wait', '--json']);
    expect(submitted.stderr).toBe('');
    expect(JSON.parse(submitted.stdout).job).toMatchObject({ name: 'hello', cluster: 'embedded', state: 'COMPLETED' });
    expect(readFileSync(join(home, 'events.txt'), 'utf8').split('\n').slice(0, 2)).toEqual(['submitBegin', 'submitEnd']);
    expect(readFileSync(join(home, 'events.txt'), 'utf8').trim().split('\n').at(-1)).toBe('completed');

    const audit = readFileSync(join(home, 'data', 'audit', 'audit.jsonl'), 'utf8');
    expect(audit).toContain(`"event":"slurmfile-trust","file":"${join(projectDir, 'Slurmfile')}","sha256":"${view.sha256}"`);
  });

  it('refuses a Slurmfile with a password, naming the line and column', () => {
    const dir = join(home, 'secret');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Slurmfile.toml'), '[default.cluster]\nbackend = "ssh"\nhost = "h.example.org"\n\n[default.cluster.backend_config]\npassword = "hunter2"\n');
    const run = slurmdesk(['submit', '--slurmfile', dir, '--template', 'x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'Slurmfile.toml')}:6:1: default.cluster.backend_config.password: a Slurmfile never holds a secret`);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('reports malformed TOML with its location through --slurmfile', () => {
    const file = join(home, 'broken.toml');
    writeFileSync(file, '[default.submit]\ntime = \n');
    const run = slurmdesk(['slurmfile', 'show', '--slurmfile', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`error: ${file}:2:\\d+: not valid TOML`));
  });
});
