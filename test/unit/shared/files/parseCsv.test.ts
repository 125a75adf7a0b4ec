import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../shared/files/parseCsv';

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
});
