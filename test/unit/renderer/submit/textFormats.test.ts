import { describe, expect, it } from 'vitest';
import { bashTokens } from '../../../../renderer/submit/bashTokens';
import { csvItems } from '../../../../renderer/submit/csvItems';
import { findJsonProblem } from '../../../../renderer/submit/jsonErrorPosition';

describe('findJsonProblem', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of ['[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0']) {
      expect(JSON.parse(text)).toBeDefined();
      expect(findJsonProblem(text)).toBeNull();
    }
  });

  it('finds the first error with its line and column', () => {
    expect(findJsonProblem('[1, 2')).toEqual({ line: 1, column: 6, message: "expected ',' or ']', the text ends" });
    expect(findJsonProblem('{\n  "a": 1,\n  b: 2\n}')).toEqual({ line: 3, column: 3, message: 'expected a "quoted" key, found "b"' });
    expect(findJsonProblem("['x']")).toMatchObject({ line: 1, column: 2 });
    expect(findJsonProblem('[1] 2')).toMatchObject({ line: 1, column: 5, message: 'unexpected "2" after the value' });
    expect(findJsonProblem('[01]')).toMatchObject({ column: 3 });
  });
});

describe('csvItems', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF rows', () => {
    expect(csvItems('id,text\r\n1,"a, b"\r\n2,"line one\nline two"\r\n3,"say ""hi"""\r\n')).toEqual({
      ok: true,
      items: [
        { id: '1', text: 'a, b' },
        { id: '2', text: 'line one\nline two' },
        { id: '3', text: 'say "hi"' },
      ],
    });
  });

  it('keeps empty fields and skips blank lines', () => {
    expect(csvItems('a,b\n1,\n\n,2\n')).toEqual({ ok: true, items: [{ a: '1', b: '' }, { a: '', b: '2' }] });
  });

  it('names the line that does not fit the header, and an unclosed quote', () => {
    expect(csvItems('a,b\n1,2\n3,4,5\n')).toEqual({ ok: false, message: 'Line 3 has 3 fields; the header has 2' });
    expect(csvItems('a\n"open\n')).toEqual({ ok: false, message: 'The quoted field that starts on line 2 is never closed' });
    expect(csvItems('a,a\n1,2')).toMatchObject({ ok: false, message: 'The header names "a" twice' });
    expect(csvItems('a,b\n')).toMatchObject({ ok: false, message: expect.stringMatching(/no rows/) });
  });
});

describe('bashTokens', () => {
  const script = [
    '#!/bin/bash',
    '#SBATCH --time=10',
    'for f in "$HOME"/*.txt; do  # each file',
    "  echo 'no $expansion' \"in ${f}\" $1",
    'done',
  ].join('\n');

  it('gives back the text exactly when joined', () => {
    expect(bashTokens(script).map((token) => token.text).join('')).toBe(script);
  });

  it('marks comments, #SBATCH lines, strings, variables and keywords', () => {
    const kinds = bashTokens(script).filter((token) => token.kind !== 'text').map((token) => [token.kind, token.text]);
    expect(kinds).toEqual([
      ['comment', '#!/bin/bash'],
      ['directive', '#SBATCH --time=10'],
      ['keyword', 'for'],
      ['keyword', 'in'],
      ['string', '"'],
      ['variable', '$HOME'],
      ['string', '"'],
      ['keyword', 'do'],
      ['comment', '# each file'],
      ['string', "'no $expansion'"],
      ['string', '"in '],
      ['variable', '${f}'],
      ['string', '"'],
      ['variable', '$1'],
      ['keyword', 'done'],
    ]);
  });

  it('does not take # inside a word for a comment', () => {
    expect(bashTokens('echo a#b ${#x}').some((token) => token.kind === 'comment')).toBe(false);
  });
});
