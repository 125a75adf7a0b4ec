/** Escapes for the controls text most often holds. */
const named: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/**
 * Characters that do not show, or change how the rest of the text reads: C0/C1 controls (ESC
 * starts the terminal sequences that set the title, write the clipboard or move the cursor; CR
 * overwrites a line), DEL, line and paragraph separators, zero-width and bidirectional formatting
 * (U+202E turns `report‮txt.exe` into what looks like `reportexe.txt`), and lone surrogates.
 */
function hidesItself(code: number): boolean {
  return (
    code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad || code === 0x61c || code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2060 && code <= 0x2069) ||
    (code >= 0xd800 && code <= 0xdfff) || code === 0xfeff || (code >= 0xfff9 && code <= 0xfffb)
  );
}

export type VisibleTextOptions = {
  /** Keep line feeds and tabs as they are: for multi-line text (messages, logs), not for names. */
  keepLines?: boolean;
};

/**
 * Text that came from a server, a cluster or a file, as a person should see it: every character
 * that would hide itself, disguise the rest or drive the terminal shown as an escape (`\u{001B}`,
 * `\r`, `\u{202E}`), everything else as it is. Like OpenSSH's vis(3)-escaped messages, but in the
 * `\u{…}` form people can search for. One function, so the window and the terminal agree.
 */
export function visibleText(text: string, options: VisibleTextOptions = {}): string {
  let shown = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (!hidesItself(code) || (options.keepLines === true && (code === 0x0a || code === 0x09))) shown += character;
    else shown += named[code] ?? `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`;
  }
  return shown;
}

