import { describe, expect, it } from 'vitest';
import { visibleFileName } from '../../../../shared/files/visibleFileName';

describe('file names as a person sees them', () => {
  it('shows line breaks, tabs and other controls as escapes', () => {
    expect(visibleFileName('line one\n<img src=x>.txt')).toBe('line one\\n<img src=x>.txt');
    expect(visibleFileName('tab\there\r.txt')).toBe('tab\\there\\r.txt');
    expect(visibleFileName('bell\u0007\u001b[31m\u007f\u0085')).toBe('bell\\u{0007}\\u{001B}[31m\\u{007F}\\u{0085}');
  });

  it('shows bidirectional and zero-width formatting, so a name cannot disguise its extension', () => {
    expect(visibleFileName('report\u202etxt.exe')).toBe('report\\u{202E}txt.exe');
    expect(visibleFileName('a\u200bb\u2066c\u2069\ufeff')).toBe('a\\u{200B}b\\u{2066}c\\u{2069}\\u{FEFF}');
    expect(visibleFileName('x\ud800y')).toBe('x\\u{D800}y');
  });

  it('leaves every visible character alone, markup and other scripts included', () => {
    for (const name of ['<script>pwned(1)</script>.svg', '..\\..\\outside.txt', 'données 数据 🦀.csv', ' spaced .txt', "'; pwned(); '.txt"]) {
      expect(visibleFileName(name)).toBe(name);
    }
  });
});
