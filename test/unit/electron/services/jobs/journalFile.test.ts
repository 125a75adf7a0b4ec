import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../../../../electron/services/jobs/journalFile';

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
});
