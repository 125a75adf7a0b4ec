/**
 * Where a key sits in a TOML text, for error messages. smol-toml reports positions only for
 * syntax errors, so schema errors are placed by scanning the text: table headers (`[a.b]`,
 * `[[a.b]]`), dotted keys (`a.b = …`) and keys of an inline table on the same line. The best
 * match is the longest prefix of the wanted path; multi-line strings are skipped.
 */
export type Location = { line: number; column: number };

type Segment = string | number;

export function locateKey(source: string, path: readonly Segment[]): Location | null {
  const lines = source.split(/\r?\n/);
  let table: Segment[] = [];
  const arrayCounts = new Map<string, number>();
  let best: { location: Location; depth: number } | null = null;
  let openString: string | null = null;
  const consider = (segments: readonly Segment[], location: Location) => {
    const depth = matchDepth(segments, path);
    if (depth > 0 && (!best || depth > best.depth)) best = { location, depth };
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (openString) {
      if (raw.includes(openString)) openString = null;
      return;
    }
    const header = /^(\s*)(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(raw);
    if (header) {
      const keys = parseDottedKey(header[3]!);
      if (!keys) return;
      if (header[2] === '[[') {
        const name = keys.join('\u0000');
        const position = arrayCounts.get(name) ?? 0;
        arrayCounts.set(name, position + 1);
        table = [...keys, position];
      } else {
        table = keys;
      }
      consider(table, { line, column: header[1]!.length + header[2]!.length + 1 });
      return;
    }
    const assignment = /^(\s*)([A-Za-z0-9_\-."' ]+?)\s*=(.*)$/.exec(raw);
    if (!assignment) return;
    const keys = parseDottedKey(assignment[2]!);
    if (!keys) return;
    const full = [...table, ...keys];
    const keyColumn = assignment[1]!.length + 1;
    consider(full, { line, column: keyColumn });
    // A key inside an inline table on this line: `cluster = { port = "22" }`.
    const next = path[full.length];
    if (matchDepth(full, path) === full.length && typeof next === 'string') {
      const inner = new RegExp(`[{,]\\s*(${escapeRegExp(next)}|"${escapeRegExp(next)}")\\s*=`).exec(assignment[3]!);
      if (inner) consider([...full, next], { line, column: raw.length - assignment[3]!.length + inner.index + inner[0].indexOf(inner[1]!) + 1 });
    }
    const value = assignment[3]!.trim();
    for (const quote of ['"""', "'''"]) {
      if (value.startsWith(quote) && value.indexOf(quote, 3) === -1) openString = quote;
    }
  });
  return best === null ? null : (best as { location: Location }).location;
}

/** How many leading segments `segments` shares with `path`, counting only when all of `segments` match or `path` ends first. */
function matchDepth(segments: readonly Segment[], path: readonly Segment[]): number {
  const length = Math.min(segments.length, path.length);
  for (let index = 0; index < length; index += 1) if (String(segments[index]) !== String(path[index])) return 0;
  return length;
}

/** `a.b."c.d"` → ['a', 'b', 'c.d']; null when it is not a key. */
export function parseDottedKey(text: string): string[] | null {
  const keys: string[] = [];
  const pattern = /\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(\.|$)/y;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match) return null;
    keys.push(match[1] ?? match[2] ?? match[3] ?? '');
    position = pattern.lastIndex;
    if (match[4] === '') break;
  }
  return keys.length > 0 && position >= text.length ? keys : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
