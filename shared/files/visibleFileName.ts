/** Escapes for the controls a file name most often holds. */
const named: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/**
 * Characters that do not show, or change how the rest of a name reads: C0/C1 controls, line and
 * paragraph separators, zero-width and bidirectional formatting (U+202E turns `report‮txt.exe`
 * into what looks like `reportexe.txt`), and lone surrogates.
 */
function hidesItself(code: number): boolean {
  return (
    code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad || code === 0x61c || code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2060 && code <= 0x2069) ||
    (code >= 0xd800 && code <= 0xdfff) || code === 0xfeff || (code >= 0xfff9 && code <= 0xfffb)
  );
}

/**
 * A file name (or a path) as a person should see it: every character that would hide itself or
 * disguise the rest shown as an escape (`\n`, `\u{202E}`), everything else as it is. Files come
 * from the cluster, so their names are chosen by whoever wrote them.
 */
export function visibleFileName(name: string): string {
  let shown = '';
  for (const character of name) {
    const code = character.codePointAt(0)!;
    shown += hidesItself(code) ? (named[code] ?? `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`) : character;
  }
  return shown;
}
