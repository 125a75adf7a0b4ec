import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv, toCsv } from '../../../../shared/files/parseCsv';

describe('parseCsv', () => {
  it('reads quoted fields holding delimiters, newlines and doubled quotes', () => {
    expect(parseCsv('name,note\r\n"Smith, J","said ""hi""\nthen left"\nplain,\n')).toEqual([
      ['name', 'note'],
      ['Smith, J', 'said "hi"\nthen left'],
      ['plain', ''],
    ]);
  });

  it('keeps a last row without a newline, unless the text was cut', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\n1,2', { complete: false })).toEqual([['a', 'b']]);
  });

  it('splits tab-separated text', () => {
    expect(parseCsv('a\tb\n"x\ty"\tz\n', { delimiter: '\t' })).toEqual([['a', 'b'], ['x\ty', 'z']]);
  });

  it('gives each row the line it starts on, past blank lines and quoted breaks', () => {
    const read = readCsv('a,b\n\n"x\ny",2\n3,4');
    expect(read).toEqual({ ok: true, rows: [{ line: 1, cells: ['a', 'b'] }, { line: 3, cells: ['x\ny', '2'] }, { line: 5, cells: ['3', '4'] }] });
    expect(readCsv('a\n1\n"x"y\n')).toEqual({ ok: false, message: expect.stringMatching(/^Line 3: a quoted field must end/) });
  });

  it('writes CSV that reads back the same, with quotes where needed and formulas defused', () => {
    const text = toCsv(['name', 'note', 'n'], [['Smith, J', 'said "hi"\nthen', 1], ['=HYPERLINK("x")', null, true]]);
    expect(text).toBe('name,note,n\r\n"Smith, J","said ""hi""\nthen",1\r\n"\'=HYPERLINK(""x"")",,true');
    expect(parseCsv(text)).toEqual([['name', 'note', 'n'], ['Smith, J', 'said "hi"\nthen', '1'], ["'=HYPERLINK(\"x\")", '', 'true']]);
  });
});
