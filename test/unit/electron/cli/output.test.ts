import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../../shared/jobs/jobRecord';
import { createOutput, jobTable, jsonText } from '../../../../electron/cli/output';
import { parseCommandLine, type Options } from '../../../../electron/cli/parseCommandLine';
import { describeIndices } from '../../../../electron/cli/jobOutputCommands';
import { UsageError } from '../../../../electron/cli/cliErrors';

const hostile = '\u001b]52;c;cHduZWQ=\u0007\u001b]0;t\u0007\r\u009b2J\u202eexe.txt';

function capture(isTTY: boolean) {
  const written: (string | Uint8Array)[] = [];
  const stream = { isTTY, write: (chunk: string | Uint8Array) => written.push(chunk) };
  return { stream, text: () => written.map((chunk) => (typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk))).join('') };
}

function job(fields: Partial<JobSummary>): JobSummary {
  return { id: 'sd-0123456789abcdef', name: 'ok', cluster: 'embedded', slurmId: '7', state: 'PENDING', reason: null, exit: null, jobDir: '/j', submittedAt: '', startedAt: null, endedAt: null, tasks: null, cancelRequestedAt: null, ...fields } as JobSummary;
}

describe('the CLI output layer', () => {
  it('shows a job name and a reason from the cluster escaped, on their own row', () => {
    const out = capture(true);
    createOutput(false, { stdout: out.stream, stderr: out.stream }).print({}, () => jobTable([job({ name: `a\nsd-fake  1  x  COMPLETED  b${hostile}`, reason: hostile })]));
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('a\\nsd-fake');
    expect(lines[1]).toContain('\\u{001B}]52;c;cHduZWQ=\\u{0007}\\u{001B}]0;t\\u{0007}\\r\\u{009B}2J\\u{202E}exe.txt');
  });

  it('escapes what JSON.stringify leaves raw (C1, bidi), and the document still parses to the same data', () => {
    const text = jsonText({ name: hostile });
    expect(text).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
    expect(text).toContain('\\u009b');
    expect(JSON.parse(text)).toEqual({ name: hostile });
  });

  it('escapes log bytes for a terminal, keeps them for a pipe, and keeps them with --raw', () => {
    const bytes = new TextEncoder().encode(`line\t1\n${hostile}\n`);
    const tty = capture(true);
    createOutput(false, { stdout: tty.stream, stderr: tty.stream }).data(bytes, { raw: false });
    expect(tty.text()).toBe(`line\t1\n\\u{001B}]52;c;cHduZWQ=\\u{0007}\\u{001B}]0;t\\u{0007}\\r\\u{009B}2J\\u{202E}exe.txt\n`);
    const raw = capture(true);
    createOutput(false, { stdout: raw.stream, stderr: raw.stream }).data(bytes, { raw: true });
    expect(raw.text()).toBe(`line\t1\n${hostile}\n`);
    const pipe = capture(false);
    createOutput(false, { stdout: pipe.stream, stderr: pipe.stream }).data(bytes, { raw: false });
    expect(pipe.text()).toBe(`line\t1\n${hostile}\n`);
  });

  it('replaces invalid UTF-8 on a terminal, even split across chunks', () => {
    const tty = capture(true);
    const output = createOutput(false, { stdout: tty.stream, stderr: tty.stream });
    output.data(new Uint8Array([0x61, 0xff, 0xe2, 0x82]), { raw: false });
    output.data(new Uint8Array([0xac, 0x62]), { raw: false });
    expect(tty.text()).toBe('a\ufffd€b');
  });
});

describe('reading the command line', () => {
  const options: Options = { directive: { type: 'string', multiple: true, default: [] }, wait: { type: 'boolean', default: false }, task: { type: 'string' } };

  it('gives a flag that takes a value the next word, as getopt does', () => {
    expect(parseCommandLine(['--directive', '--exclusive', '--directive=--mem=1G', '--wait', 'job.sh'], options)).toMatchObject({
      values: { directive: ['--exclusive', '--mem=1G'], wait: true },
      positionals: ['job.sh'],
    });
    expect(parseCommandLine(['--', '--task', '3'], options).positionals).toEqual(['--task', '3']);
  });

  it('turns unknown flags and missing values into usage errors', () => {
    expect(() => parseCommandLine(['--nope'], options)).toThrow(UsageError);
    expect(() => parseCommandLine(['--task'], options)).toThrow(/--task/);
    expect(() => parseCommandLine(['--wait=yes'], options)).toThrow(UsageError);
  });

  it('names array tasks as Slurm writes a range', () => {
    expect(describeIndices([0, 1, 2, 3, 7, 9, 10])).toBe('0-3, 7, 9-10');
    expect(describeIndices([])).toBe('none');
  });
});
