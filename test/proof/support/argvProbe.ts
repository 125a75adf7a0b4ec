import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRunner } from '../../../electron/services/backends/types';
import { hasLoneSurrogate } from '../../../shared/security/wellFormedText';
import { hostileString, type Random } from './hostileValues';

/**
 * A program that reports the argv it received, byte for byte (hex of each word), and a canary
 * folder that injected commands would write into. The folder is world-writable and the probe
 * world-readable, so the same probe works for the local user and the SSH test user.
 */
export type ArgvProbe = { dir: string; program: string; canaryDir: string; executions(): number };

export function createArgvProbe(): ArgvProbe {
  const dir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-probe-'));
  chmodSync(dir, 0o755);
  const program = join(dir, 'argv_probe.py');
  writeFileSync(program, 'import os, sys\nsys.stdout.write(" ".join(os.fsencode(word).hex() for word in sys.argv[1:]) + "\\n")\n', { mode: 0o755 });
  const canaryDir = join(dir, 'canary');
  mkdirSync(canaryDir);
  chmodSync(canaryDir, 0o777);
  return { dir, program, canaryDir, executions: () => readdirSync(canaryDir).length };
}

/** Shell syntax that, if a shell ever evaluated it, would leave a file named `tag` in the canary folder. */
export function injectionPayloads(canaryDir: string, tag: string): string[] {
  const touch = `touch ${canaryDir}/${tag}`;
  return [`$(${touch})`, `\`${touch}\``, `;${touch};`, `|${touch}`, `&${touch}&`, `&&${touch}`, `\n${touch}\n`, `\r${touch}\r`, `'$(${touch})'`, `"$(${touch})"`, `'\\''$(${touch})'`];
}

/** A hostile string that, if anything evaluated it as shell, would leave a file in the canary folder. */
export function armedString(random: Random, canaryDir: string, tag: string): string {
  const payload = random.pick(injectionPayloads(canaryDir, tag));
  const before = hostileString(random);
  const after = hostileString(random);
  return random.chance(0.5) ? `${before}${payload}${after}` : `${payload}${before}`;
}

export type ProbeOutcome = { sent: number; equal: number; refused: number; mismatched: string[] };

/**
 * Runs the probe with batches of hostile words through `runner` and compares what arrived with
 * what was sent. A word may be refused (the runner throws before running anything); it may never
 * arrive changed.
 */
export async function probeRunner(runner: CommandRunner, probe: ArgvProbe, words: readonly string[], interpreter = 'python3'): Promise<ProbeOutcome> {
  const outcome: ProbeOutcome = { sent: 0, equal: 0, refused: 0, mismatched: [] };
  const batches = [...words.filter(mustBeRefused).map((word) => [word]), ...batchesOf(words.filter((word) => !mustBeRefused(word)), 40, 256 * 1024)];
  for (const batch of batches) {
    outcome.sent += batch.length;
    let stdout: string;
    try {
      const result = await runner.run([interpreter, probe.program, ...batch], { timeoutMs: 60_000 });
      if (result.exitCode !== 0) throw new Error(`probe exited ${result.exitCode}: ${result.stderr.slice(0, 300)}`);
      stdout = result.stdout;
    } catch (error) {
      if (batch.length === 1 && isRefusal(error)) {
        outcome.refused += 1;
        continue;
      }
      // A batch that cannot run at all is retried word by word, to tell the refused word apart.
      if (batch.length > 1) {
        outcome.sent -= batch.length;
        for (const word of batch) {
          const one = await probeOne(runner, probe, word, interpreter);
          outcome.sent += 1;
          if (one === 'equal') outcome.equal += 1;
          else if (one === 'refused') outcome.refused += 1;
          else outcome.mismatched.push(one);
        }
        continue;
      }
      throw error;
    }
    const arrived = stdout.trim() === '' ? [] : stdout.trim().split(' ');
    const expected = batch.map(expectedHex);
    if (arrived.length === expected.length && arrived.every((word, index) => word === expected[index])) {
      outcome.equal += batch.length;
    } else {
      for (const word of batch) {
        const one = await probeOne(runner, probe, word, interpreter);
        if (one === 'equal') outcome.equal += 1;
        else if (one === 'refused') outcome.refused += 1;
        else outcome.mismatched.push(one);
      }
    }
  }
  return outcome;
}

async function probeOne(runner: CommandRunner, probe: ArgvProbe, word: string, interpreter: string): Promise<'equal' | 'refused' | string> {
  try {
    const result = await runner.run([interpreter, probe.program, word], { timeoutMs: 60_000 });
    const arrived = result.stdout.trim();
    if (arrived === expectedHex(word)) return 'equal';
    return `sent ${JSON.stringify(word).slice(0, 160)} (${Buffer.from(word, 'utf8').toString('hex').slice(0, 80)}), arrived ${arrived.slice(0, 80)}; exit ${result.exitCode} ${result.stderr.slice(0, 120)}`;
  } catch (error) {
    if (isRefusal(error)) return 'refused';
    return `sent ${JSON.stringify(word).slice(0, 160)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The runners refuse what no argv can carry (a NUL byte) with a TypeError before running anything. */
function isRefusal(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && 'code' in error && error.code === 'ERR_INVALID_ARG_VALUE');
}

function batchesOf(words: readonly string[], maxCount: number, maxBytes: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const word of words) {
    const size = Buffer.byteLength(word) + 4;
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(word);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The bytes a word must arrive as. A string with a lone UTF-16 surrogate (what JSON can carry of
 * invalid UTF-8) has no exact bytes: it must be refused, so no arrival can match it.
 */
function expectedHex(word: string): string {
  return hasLoneSurrogate(word) ? 'must-be-refused' : Buffer.from(word, 'utf8').toString('hex');
}

/** Words no argv can carry as sent: tried one by one, so a refusal never hides the rest of a batch. */
function mustBeRefused(word: string): boolean {
  return word.includes('\0') || hasLoneSurrogate(word);
}
