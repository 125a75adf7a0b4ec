import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '../../../../../electron/services/slurm/shellQuote';

// Round trips go through real shells: what the remote side's sh or bash makes of a quoted word is
// the only thing that counts. bash may be missing on a minimal system; sh never is.
const shells = ['sh', 'bash'].filter((shell) => {
  try {
    execFileSync(shell, ['-c', 'true']);
    return true;
  } catch {
    return false;
  }
});

function printedBy(shell: string, script: string): string {
  return execFileSync(shell, ['-c', script], { encoding: 'utf8' });
}

const hostile = [
  '', ' ', '  leading and trailing  ', "'", "''", "'\\''", '"', '\\', '\\\\', '\\n', '$HOME', '${HOME}', '$(id)', '`id`',
  '$((1+1))', 'a;b', 'a|b', 'a&b', 'a&&b', 'a||b', '>out', '<in', '2>&1', 'a\nb', '\n', 'a\rb', 'a\tb', '*', '?', '[a-z]*',
  '{a,b}', '~', '~root', '-n', '-e', '--', '-', '--help', '!', '!!', '#comment', 'a # b', '%s%d%%', '\u202Eevil\u202C', // RTL override
  '\u200B\u200D\uFEFF', 'שלום', 'مرحبا', '日本語', '😀👩‍👩‍👧', 'e\u0301', '\x01\x02\x1b[31m', '\x7f', "it's \"quoted\" $(and) `more`",
  "'; rm -rf / #", "$(printf '%s' \"'\")",
];

// Random strings over everything a shell might treat specially, plus any Unicode scalar value.
function randomString(seed: number): string {
  let state = seed * 2654435761;
  const next = () => {
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    return state;
  };
  const special = [..."'\"\\$`;|&<>(){}[]*?~!#%^=\n\r\t -"];
  const length = next() % 40;
  let text = '';
  for (let index = 0; index < length; index += 1) {
    const pick = next() % 4;
    if (pick === 0) text += special[next() % special.length];
    else if (pick === 1) text += String.fromCharCode(0x20 + (next() % 95));
    else if (pick === 2) text += String.fromCharCode(1 + (next() % 31));
    else {
      let codePoint = 0x80 + (next() % 0x10ff80);
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint = 0xfffd; // lone surrogates are not text
      text += String.fromCodePoint(codePoint);
    }
  }
  return text;
}
const generated = Array.from({ length: 2000 }, (_, index) => randomString(index + 1));

describe('shellQuote', () => {
  it('wraps in single quotes and writes a quote as \'\\\'\'', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('abc')).toBe("'abc'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('refuses a NUL byte, which no argv can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it.each(shells)('%s prints every hostile string exactly (printf %%s <quoted>)', (shell) => {
    for (const text of hostile) expect(printedBy(shell, `printf %s ${shellQuote(text)}`)).toBe(text);
  });

  it.each(shells)('%s gets back 2000 random strings exactly', (shell) => {
    // Batches of 100 words per shell run, NUL-separated: still one quoted word per string.
    for (let start = 0; start < generated.length; start += 100) {
      const batch = generated.slice(start, start + 100);
      const printed = printedBy(shell, `printf '%s\\0' ${batch.map(shellQuote).join(' ')}`);
      expect(printed.split('\0').slice(0, -1)).toEqual(batch);
    }
  });

  it.each(shells)('%s runs a few random strings one command each, as the SSH runner will', (shell) => {
    for (const text of generated.slice(0, 50)) expect(printedBy(shell, `printf %s ${shellQuote(text)}`)).toBe(text);
  });
});

describe('shellCommand', () => {
  it('keeps each argument one word, however hostile', () => {
    for (const shell of shells) {
      const argv = ['printf', '%s|', ...hostile];
      expect(printedBy(shell, shellCommand(argv))).toBe(hostile.map((text) => `${text}|`).join(''));
    }
  });

  it('quotes the program too and refuses an empty argv', () => {
    expect(shellCommand(['squeue', '-h', '-j', '1,2'])).toBe("'squeue' '-h' '-j' '1,2'");
    expect(() => shellCommand([])).toThrow(/program/);
  });
});
