import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../../shared/security/visibleText';

describe('text from a server as a terminal or a window shows it', () => {
  it('escapes terminal sequences, CR, DEL, C1 and bidi controls', () => {
    expect(visibleText('\u001b]52;c;eA==\u0007\u001b[2J\rok\u007f\u009b\u202e\u2066')).toBe(
      '\\u{001B}]52;c;eA==\\u{0007}\\u{001B}[2J\\rok\\u{007F}\\u{009B}\\u{202E}\\u{2066}',
    );
  });

  it('keeps tabs and line feeds only when asked, and never CR', () => {
    expect(visibleText('a\tb\nc\r\n')).toBe('a\\tb\\nc\\r\\n');
    expect(visibleText('a\tb\nc\r\n', { keepLines: true })).toBe('a\tb\nc\\r\n');
  });

  it('leaves visible text alone, other scripts and emoji included, and is stable when applied twice', () => {
    const text = 'Ünïcode 数据 🦀 \\u{001B} <b>';
    expect(visibleText(text)).toBe(text);
    const once = visibleText('\u001b[31mred');
    expect(visibleText(once)).toBe(once);
  });
});
