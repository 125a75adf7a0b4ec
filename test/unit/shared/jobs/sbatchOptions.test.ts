import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extraDirectiveProblem } from '../../../../shared/jobs/extraDirective';
import { argumentOf, matchLongOption, sbatchLongOptions, shortOptionsIn } from '../../../../shared/jobs/sbatchOptions';
import { describeWhenAvailable, onPath } from '../../../integration/support/describeWhenAvailable';

/**
 * The installed sbatch is asked what it makes of `--PREFIX` (it parses its options before it
 * needs a controller, given any slurm.conf), for every prefix of every name in the table.
 */
async function askSbatch(conf: string, argv: string[]): Promise<string> {
  return new Promise((resolve) => {
    // An empty script on stdin: sbatch stops there, before it would look for a controller.
    const child = execFile('sbatch', argv, { env: { ...process.env, SLURM_CONF: conf }, timeout: 10_000 }, (_error, _stdout, stderr) => resolve(stderr.split('\n')[0] ?? ''));
    child.stdin?.end();
  });
}

describeWhenAvailable('sbatch option table against the installed sbatch', onPath('sbatch') ? null : 'sbatch is not installed', () => {
  it('resolves every prefix of every option exactly as sbatch does', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'slurmdesk-sbatch-options-'));
    const conf = join(folder, 'slurm.conf');
    writeFileSync(conf, 'ClusterName=probe\nSlurmctldHost=localhost\n');
    const prefixes = new Set<string>();
    for (const name of Object.keys(sbatchLongOptions)) for (let length = 1; length <= name.length; length += 1) prefixes.add(name.slice(0, length));
    const answers = new Map<string, string>();
    const queue = [...prefixes];
    await Promise.all(Array.from({ length: 6 }, async () => {
      for (let prefix = queue.shift(); prefix !== undefined; prefix = queue.shift()) answers.set(prefix, await askSbatch(conf, [`--${prefix}`]));
    }));
    for (const [prefix, said] of answers) {
      const match = matchLongOption(prefix);
      if (said.includes('is ambiguous')) {
        expect(match.kind, `--${prefix}: ${said}`).toBe('ambiguous');
        continue;
      }
      expect(match.kind, `--${prefix}: ${said}`).toMatch(/^(exact|prefix)$/);
      const named = /option '--([a-z0-9-]+)' requires an argument/.exec(said)?.[1];
      if (named !== undefined && (match.kind === 'exact' || match.kind === 'prefix')) {
        expect(matchLongOption(named), `--${prefix}: ${said}`).toMatchObject({ kind: 'exact', option: match.option });
        expect(argumentOf(match.option), `--${prefix}`).toBe('required');
      }
    }
    expect(answers.size).toBeGreaterThan(600);
    expect(await askSbatch(conf, ['--zzz'])).toContain('unrecognized option');
  }, 120_000);
});

describe('extra directives are judged as sbatch reads them', () => {
  it.each([
    ['--outp=/home/ada/.bashrc', /sbatch reads it as --output/],
    ['--out=/x', /--output/],
    ['-o/x', /--output/],
    ['-Ho/x', /--output/],
    ['--output /x', /--output/],
    ['-D /tmp', /--chdir/],
    ['--chd=/tmp', /--chdir/],
    ['--open=append', /--open-mode/],
    ['--cluster=other', /--clusters/],
    ['-M other', /--clusters/],
    ['-J name', /--job-name/],
    ['--o=/x', /ambiguous/],
    ['--mail-type', /takes a value/],
    ['--exclusive x', /one word/],
    ['--mail-user=a b', /one word|shell/],
    ['--hold=yes', /takes no value/],
  ])('%s is refused', (directive, message) => {
    expect(extraDirectiveProblem(directive)).toMatch(message);
  });

  it.each(['--exclusive', '--mail-type=END', '--mail-user=ada@example.org', '--hold', '--exclusive=user', '--licenses=matlab:1', '--a-newer-option=1'])('%s passes', (directive) => {
    expect(extraDirectiveProblem(directive)).toBeNull();
  });

  it('reads grouped short options as getopt does', () => {
    expect(shortOptionsIn('-Hko/x').options).toEqual(['hold', 'no-kill']);
    expect(shortOptionsIn('-HOo/x').options).toEqual(['hold', 'overcommit', 'output']);
  });
});
