/**
 * The piece of a log held in memory: whole lines covering bytes [start, end) of the file. Pieces
 * arrive from `jobs.logs` as whole UTF-8 characters (main never splits one), but a piece may
 * start or end inside a line: a line cut at the front is dropped (its start is not known), a line
 * cut at the end stays open and the next piece continues it. The window never holds more than
 * `maxWindowBytes`: growing at one end drops lines at the other.
 */
export type LogWindow = {
  lines: string[];
  /** Byte offset in the file of the first held line. */
  start: number;
  /** Byte offset just after the last held byte. */
  end: number;
  /** The file's size when last asked. */
  size: number;
  /** Whether the last held line is finished (ended by a newline). */
  lastLineClosed: boolean;
};

export type LogPiece = { text: string; offset: number; nextOffset: number; size: number };

export const maxWindowBytes = 4 * 1024 * 1024;

/** Bytes the text takes in UTF-8 (how offsets in the file count), without allocating a copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const emptyWindow: LogWindow = { lines: [], start: 0, end: 0, size: 0, lastLineClosed: true };

/** Splits text into lines; `closed` says whether it ended with a newline. */
function splitLines(text: string): { lines: string[]; closed: boolean } {
  if (text === '') return { lines: [], closed: true };
  const lines = text.split('\n');
  const closed = lines.at(-1) === '';
  if (closed) lines.pop();
  return { lines, closed };
}

/** Text of a piece that starts on a line boundary, with the byte offset where that text begins. */
function fromLineStart(piece: LogPiece): { text: string; offset: number } {
  if (piece.offset === 0) return { text: piece.text, offset: 0 };
  const newline = piece.text.indexOf('\n');
  // No newline at all: the piece is one very long line's middle; show it rather than nothing.
  if (newline < 0) return { text: piece.text, offset: piece.offset };
  const rest = piece.text.slice(newline + 1);
  return { text: rest, offset: piece.nextOffset - utf8Length(rest) };
}

/** A fresh window from a piece read at the end of the file (a tail). */
export function windowFromTail(piece: LogPiece): LogWindow {
  const { text, offset } = fromLineStart(piece);
  const { lines, closed } = splitLines(text);
  return { lines, start: offset, end: piece.nextOffset, size: piece.size, lastLineClosed: closed };
}

/** Adds a piece read from `window.end` onwards (following), dropping the oldest lines over the bound. */
export function appendPiece(window: LogWindow, piece: LogPiece): LogWindow {
  if (piece.offset !== window.end) return windowFromTail(piece);
  if (piece.text === '') return { ...window, size: piece.size };
  const { lines: added, closed } = splitLines(piece.text);
  const lines = window.lines.slice();
  if (!window.lastLineClosed && lines.length > 0 && added.length > 0) lines[lines.length - 1] += added.shift()!;
  lines.push(...added);
  let start = window.start;
  let held = piece.nextOffset - start;
  let drop = 0;
  while (held > maxWindowBytes && drop < lines.length - 1) {
    const bytes = utf8Length(lines[drop]!) + 1;
    held -= bytes;
    start += bytes;
    drop += 1;
  }
  return { lines: drop > 0 ? lines.slice(drop) : lines, start, end: piece.nextOffset, size: piece.size, lastLineClosed: closed };
}

/**
 * Adds a piece that ends where the window starts (paging back), dropping the newest lines over
 * the bound. Answers how many lines were added at the front, to keep the view where it was.
 */
export function prependPiece(window: LogWindow, piece: LogPiece): { window: LogWindow; added: number } {
  if (piece.nextOffset !== window.start) return { window: windowFromTail(piece), added: 0 };
  const { text, offset } = fromLineStart(piece);
  const { lines: added } = splitLines(text);
  const lines = [...added, ...window.lines];
  let end = window.end;
  let lastLineClosed = window.lastLineClosed;
  let held = end - offset;
  while (held > maxWindowBytes && lines.length > added.length + 1) {
    const removed = lines.pop()!;
    const bytes = utf8Length(removed) + (lastLineClosed ? 1 : 0);
    held -= bytes;
    end -= bytes;
    lastLineClosed = true;
  }
  return { window: { lines, start: offset, end, size: Math.max(window.size, piece.size), lastLineClosed }, added: added.length };
}
