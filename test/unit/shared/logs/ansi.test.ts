import { describe, expect, it } from 'vitest';
import { parseAnsiLine, plainText } from '../../../../shared/logs/ansi';

describe('parseAnsiLine', () => {
  it('turns SGR colours into styled segments and resets on 0', () => {
    const segments = parseAnsiLine('\x1b[31mred\x1b[0m plain \x1b[1;92mbold green\x1b[m');
    expect(segments.map((segment) => [segment.text, segment.style?.fg ?? null, segment.style?.bold ?? false])).toEqual([
      ['red', 1, false],
      [' plain ', null, false],
      ['bold green', 10, true],
    ]);
  });

  it('reads 256-colour and true-colour values as rgb() built from numbers only', () => {
    expect(parseAnsiLine('\x1b[38;5;196mx')[0]?.style?.fg).toBe('rgb(255 0 0)');
    expect(parseAnsiLine('\x1b[48;2;1;2;300my')[0]?.style?.bg).toBe('rgb(1 2 255)');
    expect(parseAnsiLine('\x1b[38;5;3mz')[0]?.style?.fg).toBe(3);
  });

  it('drops every other escape: cursor moves, OSC titles and links, private modes, lone controls', () => {
    const line = '\x1b[2K\x1b[1Gstart\x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\x1b[?25l end\x07\x00';
    expect(plainText(parseAnsiLine(line))).toBe('start link end');
  });

  it('keeps markup as text: nothing is interpreted as HTML', () => {
    expect(plainText(parseAnsiLine('\x1b[31m<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows what a carriage return leaves (progress bars), and ignores a final CR of CRLF', () => {
    expect(plainText(parseAnsiLine('10%\r50%\r100%'))).toBe('100%');
    expect(plainText(parseAnsiLine('done\r'))).toBe('done');
  });
});
