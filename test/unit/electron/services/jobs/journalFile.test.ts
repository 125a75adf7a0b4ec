import { describe, expect, it } from 'vitest';
import { forEachLine, lineAt } from '../../../../../electron/services/jobs/journalFile';

function linesOf(bytes: Buffer): { lines: string[]; used: number } {
  const lines: string[] = [];
  const used = forEachLine(bytes, (line) => lines.push(line));
  return { lines, used };
}

describe('forEachLine', () => {
  it('gives every whole line, empty ones included, and leaves an unfinished last line', () => {
    const { lines, used } = linesOf(Buffer.from('a\n\nb\ntorn'));
    expect(lines).toEqual(['a', '', 'b']);
    expect(used).toBe(5);
  });

  it('reads nothing from bytes with no newline yet', () => {
    expect(linesOf(Buffer.from('{"op":"cre'))).toEqual({ lines: [], used: 0 });
  });

  it('reads several MiB of lines, across its decoding slices, exactly as decoding the whole and splitting would', () => {
    // Lines of varied length with multi-byte characters and invalid bytes, so slice edges fall everywhere.
    const parts: Buffer[] = [];
    for (let index = 0; index < 40_000; index += 1) {
      parts.push(Buffer.from(`{"n":${index},"name":"${'é✓'.repeat(index % 13)}${'x'.repeat(index % 101)}"}`));
      if (index % 997 === 0) parts.push(Buffer.from([0xff, 0xe2, 0x9c]));
      parts.push(Buffer.from(index % 89 === 0 ? '\n\n' : '\n'));
    }
    parts.push(Buffer.from('{"n":"unfinished'));
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    const text = bytes.toString('utf8');
    const { lines, used } = linesOf(bytes);
    expect(lines).toEqual(text.slice(0, text.lastIndexOf('\n')).split('\n'));
    expect(used).toBe(bytes.lastIndexOf(0x0a) + 1);
  });

  it('locates each line by its bytes, across slices, so a damaged one can be kept exactly as it was', () => {
    const parts: Buffer[] = [];
    for (let index = 0; index < 20_000; index += 1) {
      parts.push(Buffer.from(`${'é'.repeat(index % 7)}${'y'.repeat(index % 131)}`));
      if (index % 1_009 === 0) parts.push(Buffer.from([0xff, 0xfe]));
      parts.push(Buffer.from('\n'));
    }
    const bytes = Buffer.concat(parts);
    const expected = bytes.toString('binary').split('\n').slice(0, -1);
    const found: string[] = [];
    forEachLine(bytes, (_line, from, index) => {
      const { start, end } = lineAt(bytes, from, index);
      found.push(bytes.toString('binary', start, end));
    });
    expect(found).toEqual(expected);
  });
});
