import { describe, expect, it } from 'vitest';
import { appendPiece, maxWindowBytes, prependPiece, utf8Length, windowFromTail } from '../../../../shared/logs/logWindow';

/** A piece of `file` as jobs.logs answers it: whole characters, byte offsets. */
function pieceOf(file: string, offset: number, length: number) {
  const bytes = new TextEncoder().encode(file);
  let end = Math.min(bytes.length, offset + length);
  while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return { text: new TextDecoder().decode(bytes.subarray(offset, end)), offset, nextOffset: end, size: bytes.length };
}

const file = Array.from({ length: 50 }, (_, index) => `line ${index} ✓`).join('\n') + '\n';

describe('log window', () => {
  it('drops the line cut at the front of a tail and starts on a line boundary', () => {
    const size = utf8Length(file);
    const window = windowFromTail(pieceOf(file, size - 40, 40));
    expect(window.lines[0]).toMatch(/^line \d+ ✓$/);
    expect(window.end).toBe(size);
    expect(new TextDecoder().decode(new TextEncoder().encode(file).subarray(window.start, window.end))).toBe(window.lines.join('\n') + '\n');
  });

  it('pages back to the start and follows a growing file, continuing a line cut at the end', () => {
    const size = utf8Length(file);
    let window = windowFromTail(pieceOf(file, size - 100, 100));
    while (window.start > 0) window = prependPiece(window, pieceOf(file, Math.max(0, window.start - 64), window.start - Math.max(0, window.start - 64))).window;
    expect(window.lines.join('\n') + '\n').toBe(file);

    const grown = file + 'partial';
    window = appendPiece(window, pieceOf(grown, window.end, 1000));
    expect(window.lastLineClosed).toBe(false);
    const more = grown + ' finished\nnext\n';
    window = appendPiece(window, pieceOf(more, window.end, 1000));
    expect(window.lines.slice(-2)).toEqual(['partial finished', 'next']);
  });

  it('never holds more than the bound: following drops the oldest lines, paging back the newest', () => {
    const line = `${'x'.repeat(1023)}\n`;
    let window = windowFromTail({ text: line, offset: 0, nextOffset: 1024, size: 1024 });
    for (let index = 1; index <= 5000; index += 1) {
      window = appendPiece(window, { text: line, offset: window.end, nextOffset: window.end + 1024, size: window.end + 1024 });
    }
    expect(window.end - window.start).toBeLessThanOrEqual(maxWindowBytes);
    expect(window.lines.length).toBe(maxWindowBytes / 1024);
    const start = window.start;
    const { window: back, added } = prependPiece(window, { text: line.repeat(10), offset: start - 10 * 1024, nextOffset: start, size: window.size });
    // The piece's first line may be cut (its start is unknown), so it is left for the next page back.
    expect(added).toBe(9);
    expect(back.end - back.start).toBeLessThanOrEqual(maxWindowBytes);
    expect(back.start).toBe(start - 9 * 1024);
  });
});
