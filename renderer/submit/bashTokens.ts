/** What the script editor colours; everything else is plain text. */
export type BashTokenKind = 'comment' | 'directive' | 'string' | 'variable' | 'keyword' | 'text';
export type BashToken = { kind: BashTokenKind; text: string };

const keywords = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function',
  'select', 'return', 'export', 'local', 'readonly', 'declare', 'set', 'unset', 'source', 'exit', 'shift', 'trap',
]);

const variablePattern = /^\$(?:\{[^}\n]*\}?|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-]|\(\(?)/;

/**
 * Splits bash into tokens for colouring only: it never decides what the script does, so an
 * approximation is fine as long as joining the tokens gives back the text exactly.
 */
export function bashTokens(source: string): BashToken[] {
  const tokens: BashToken[] = [];
  const push = (kind: BashTokenKind, text: string) => {
    const last = tokens.at(-1);
    if (last && last.kind === kind && kind === 'text') last.text += text;
    else if (text !== '') tokens.push({ kind, text });
  };
  let index = 0;
  let lineStart = true;
  while (index < source.length) {
    const rest = source.slice(index);
    const char = source[index]!;
    if (char === '\n') {
      push('text', char);
      index += 1;
      lineStart = true;
      continue;
    }
    if (lineStart && /^[ \t]*#SBATCH\b/.test(rest)) {
      const end = rest.indexOf('\n');
      push('directive', end < 0 ? rest : rest.slice(0, end));
      index += end < 0 ? rest.length : end;
      continue;
    }
    const atWordStart = index === 0 || /[\s;|&(){}]/.test(source[index - 1]!);
    if (char === '#' && atWordStart) {
      const end = rest.indexOf('\n');
      push('comment', end < 0 ? rest : rest.slice(0, end));
      index += end < 0 ? rest.length : end;
      continue;
    }
    if (char === "'" || char === '"') {
      const length = quotedLength(rest, char);
      pushString(push, rest.slice(0, length), char);
      index += length;
      lineStart = false;
      continue;
    }
    if (char === '$') {
      const match = variablePattern.exec(rest);
      const text = match ? match[0] : '$';
      push(match ? 'variable' : 'text', text);
      index += text.length;
      lineStart = false;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    if (word) {
      const next = source[index + word[0].length];
      const isKeyword = atWordStart && keywords.has(word[0]) && (next === undefined || /[\s;]/.test(next));
      push(isKeyword ? 'keyword' : 'text', word[0]);
      index += word[0].length;
      lineStart = false;
      continue;
    }
    push('text', char);
    if (!/[ \t]/.test(char)) lineStart = false;
    index += 1;
  }
  return tokens;
}

/** Length of a quoted string from its opening quote; an unclosed one runs to the end. */
function quotedLength(text: string, quote: string): number {
  for (let index = 1; index < text.length; index += 1) {
    if (quote === '"' && text[index] === '\\') index += 1;
    else if (text[index] === quote) return index + 1;
  }
  return text.length;
}

/** Double-quoted strings expand variables, so those keep their own colour inside. */
function pushString(push: (kind: BashTokenKind, text: string) => void, text: string, quote: string) {
  if (quote === "'") return push('string', text);
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '\\') {
      index += 1;
      continue;
    }
    if (text[index] !== '$') continue;
    const match = variablePattern.exec(text.slice(index));
    if (!match) continue;
    push('string', text.slice(start, index));
    push('variable', match[0]);
    index += match[0].length - 1;
    start = index + 1;
  }
  push('string', text.slice(start));
}
