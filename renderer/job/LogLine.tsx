import { memo, useMemo, type CSSProperties } from 'react';
import { parseAnsiLine, type AnsiStyle } from '../../shared/logs/ansi';

/** Longer lines are cut for display (a minified blob or a progress bar without newlines). */
export const maxShownCharacters = 4000;

export type LineHighlight = { start: number; end: number; current: boolean };

function classOf(style: AnsiStyle | null, highlight: LineHighlight | null): string | undefined {
  const names: string[] = [];
  if (style) {
    const [fg, bg] = style.inverse ? [style.bg ?? 'default-bg', style.fg ?? 'default-fg'] : [style.fg, style.bg];
    if (typeof fg === 'number') names.push(`ansi-fg-${fg}`);
    if (fg === 'default-bg') names.push('ansi-fg-inverse');
    if (typeof bg === 'number') names.push(`ansi-bg-${bg}`);
    if (bg === 'default-fg') names.push('ansi-bg-inverse');
    if (style.bold) names.push('ansi-bold');
    if (style.dim) names.push('ansi-dim');
    if (style.italic) names.push('ansi-italic');
    if (style.underline) names.push('ansi-underline');
  }
  if (highlight) names.push(highlight.current ? 'log-match log-match-current' : 'log-match');
  return names.length > 0 ? names.join(' ') : undefined;
}

/** 256-colour and true-colour values are numbers turned into rgb(); applied through the CSSOM. */
function inlineColours(style: AnsiStyle | null): CSSProperties | undefined {
  if (!style) return undefined;
  const [fg, bg] = style.inverse ? [style.bg, style.fg] : [style.fg, style.bg];
  const colours: CSSProperties = {};
  if (typeof fg === 'string') colours.color = fg;
  if (typeof bg === 'string') colours.backgroundColor = bg;
  return Object.keys(colours).length > 0 ? colours : undefined;
}

type Piece = { text: string; style: AnsiStyle | null; highlight: LineHighlight | null };

/** Cuts the styled segments where highlights begin and end. */
function piecesOf(line: string, highlights: readonly LineHighlight[]): Piece[] {
  const pieces: Piece[] = [];
  let position = 0;
  for (const segment of parseAnsiLine(line)) {
    let from = 0;
    while (from < segment.text.length) {
      const at = position + from;
      const inside = highlights.find((highlight) => highlight.start <= at && at < highlight.end) ?? null;
      const nextBoundary = inside ? inside.end : Math.min(...highlights.filter((highlight) => highlight.start > at).map((highlight) => highlight.start), Infinity);
      const to = Math.min(segment.text.length, nextBoundary - position);
      pieces.push({ text: segment.text.slice(from, to), style: segment.style, highlight: inside });
      from = to;
    }
    position += segment.text.length;
  }
  return pieces;
}

/** One line of output as text spans: colours and matches are classes, never markup from the log. */
export const LogLine = memo(function LogLine({ line, highlights }: { line: string; highlights: readonly LineHighlight[] }) {
  const pieces = useMemo(() => piecesOf(line.length > maxShownCharacters ? line.slice(0, maxShownCharacters) : line, highlights), [line, highlights]);
  return (
    <>
      {pieces.map((piece, index) =>
        piece.style || piece.highlight ? (
          <span key={index} className={classOf(piece.style, piece.highlight)} style={inlineColours(piece.style)} data-current-match={piece.highlight?.current ? 'true' : undefined}>
            {piece.text}
          </span>
        ) : (
          piece.text
        ),
      )}
      {line.length > maxShownCharacters && <span className="log-cut">{` … ${line.length - maxShownCharacters} more characters`}</span>}
      {line === '' && ' '}
    </>
  );
});
