import { parseAnsiLine, plainText } from './ansi';

export type LogMatch = { line: number; start: number; end: number };

/** Upper bound on matches listed: enough to step through, bounded however common the word. */
export const maxMatches = 10_000;

/** The text a person sees on a line (escapes removed), which is what search looks in. */
export function visibleText(line: string): string {
  // Most lines have no escapes or carriage returns: skip the parser for them.
  return /[^\t -\u{10FFFF}]/u.test(line) ? plainText(parseAnsiLine(line)) : line;
}

/** Case-insensitive matches of `query` in the held lines, in order. */
export function findMatches(lines: readonly string[], query: string): LogMatch[] {
  if (query === '') return [];
  const needle = query.toLocaleLowerCase();
  const matches: LogMatch[] = [];
  for (let line = 0; line < lines.length && matches.length < maxMatches; line += 1) {
    const text = visibleText(lines[line]!).toLocaleLowerCase();
    let from = text.indexOf(needle);
    while (from >= 0 && matches.length < maxMatches) {
      matches.push({ line, start: from, end: from + needle.length });
      from = text.indexOf(needle, from + Math.max(1, needle.length));
    }
  }
  return matches;
}
