import { readdirSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../build/scripts/build.mjs';
import { runCli } from '../../support/runCliBinary';

let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'slurmdesk-cli-line-'));
  await buildCli();
}, 120_000);

/** zod's own wording, which must never reach a person. */
const libraryWording = /Too (small|big)|expected (string|number|int)|[<>]=\d|Invalid input/;

describe('the command line, read and refused consistently', () => {
  it('passes --directive --exclusive (the help’s own form) and --directive=--exclusive to sbatch', async () => {
    const script = join(home, 'job.sh');
    writeFileSync(script, 'echo hi\n');
    for (const form of [['--directive', '--exclusive'], ['--directive=--exclusive']]) {
      const run = await runCli(['submit', script, ...form, '--directive', '--mail-type=END', '--wait', '--json'], { home });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const jobDir = JSON.parse(run.stdout).job.jobDir as string;
      const batch = readdirSync(jobDir).find((name) => name.endsWith('.sh') || name.endsWith('.sbatch'))!;
      const text = readFileSync(join(jobDir, batch), 'utf8');
      expect(text).toMatch(/^#SBATCH --exclusive$/m);
      expect(text).toMatch(/^#SBATCH --mail-type=END$/m);
    }
  });

  it.each([
    ['an unknown flag', ['jobs', '--nosuchflag'], /Unknown option '--nosuchflag'/],
    ['an unknown command', ['frobnicate'], /Unknown command "frobnicate"/],
    ['a missing argument', ['status'], /status takes exactly one job id/],
    ['a flag without its value', ['logs', 'sd-0000000000000000', '--task'], /--task/],
    ['an unknown state', ['jobs', '--state', 'sleepy'], /--state is one of/],
    ['a port out of range', ['clusters', 'add', 'hpc', '--host', 'h.example.org', '--user', 'ada', '--port', '99999'], /--port: must be a whole number from 1 to 65535/],
    ['an invalid spec value', ['submit', '--python', 'examples/hello.py:greet', '--partition', 'debug;id'], /resources\.partition/],
  ])('%s: exit status 2, and with --json one JSON document on stdout', async (_label, args, message) => {
    const text = await runCli(args, { home });
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(message);
    expect(text.stderr).not.toMatch(libraryWording);
    // --json right after the command: a flag that takes a value would take a --json after it.
    const json = await runCli([args[0]!, '--json', ...args.slice(1)], { home });
    expect(json.code).toBe(2);
    const document = JSON.parse(json.stdout) as { error: { name: string; code: string; message: string; details: unknown[] } };
    expect(Object.keys(document)).toEqual(['error']);
    expect(document.error).toMatchObject({ name: expect.any(String), code: expect.any(String), message: expect.stringMatching(message), details: expect.any(Array) });
    expect(json.stdout).not.toMatch(libraryWording);
  });

  it('names every wrong field of a cluster at once, in words', async () => {
    const run = await runCli(['clusters', 'add', 'hpc', '--host', '-bad host', '--user', 'ada', '--port', '0', '--jump', 'ada@gw.example.org:70000', '--json'], { home });
    expect(run.code).toBe(2);
    const details = (JSON.parse(run.stdout) as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        { path: '--host', message: expect.stringMatching(/host is a name like/) },
        { path: '--port', message: 'must be a whole number from 1 to 65535' },
        { path: '--jump #1', message: 'must be a whole number from 1 to 65535' },
      ]),
    );
  });

  it('exits 1, not 2, when the command line was right and the job failed', async () => {
    const script = join(home, 'fail.sh');
    writeFileSync(script, 'exit 3\n');
    expect((await runCli(['submit', script, '--wait', '--json'], { home })).code).toBe(1);
    expect((await runCli(['status', 'sd-ffffffffffffffff', '--json'], { home })).code).toBe(1);
  });
});
