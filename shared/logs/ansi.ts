/**
 * Terminal colours in job output. SGR sequences (`ESC[…m`) become styles on plain-text segments;
 * every other escape or control sequence is dropped. The result is data for React to render as
 * text, never markup, so nothing in a log can inject HTML.
 */
export type AnsiStyle = {
  /** 0–15: a theme colour (class `ansi-fg-N`); a string: an `rgb(…)` from 256-colour or true colour. */
  fg: number | string | null;
  bg: number | string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
};

export type AnsiSegment = { text: string; style: AnsiStyle | null };

const plainStyle: AnsiStyle = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false };

// CSI (ESC [ params final), OSC (ESC ] … BEL or ESC \), other two-byte escapes, and lone C0 controls.
// eslint-disable-next-line no-control-regex
const sequencePattern = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|[\x00-\x08\x0b-\x1f\x7f]/g;

/** The text a line shows: a carriage return starts the line over (progress bars), escapes vanish. */
export function parseAnsiLine(line: string): AnsiSegment[] {
  const lastReturn = line.lastIndexOf('\r', line.length - 2);
  const visible = lastReturn >= 0 ? line.slice(lastReturn + 1) : line;
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle | null = null;
  let last = 0;
  for (const match of visible.matchAll(sequencePattern)) {
    if (match.index > last) segments.push({ text: visible.slice(last, match.index), style });
    last = match.index + match[0].length;
    if (match[2] === 'm') style = applySgr(style ?? plainStyle, match[1] ?? '');
  }
  if (last < visible.length) segments.push({ text: visible.slice(last), style });
  return mergeSegments(segments);
}

export function plainText(segments: readonly AnsiSegment[]): string {
  return segments.map((segment) => segment.text).join('');
}

function mergeSegments(segments: AnsiSegment[]): AnsiSegment[] {
  const merged: AnsiSegment[] = [];
  for (const segment of segments) {
    const previous = merged.at(-1);
    if (previous && previous.style === segment.style) previous.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged.map((segment) => (segment.style && isPlain(segment.style) ? { text: segment.text, style: null } : segment));
}

function isPlain(style: AnsiStyle): boolean {
  return style.fg === null && style.bg === null && !style.bold && !style.dim && !style.italic && !style.underline && !style.inverse;
}

function applySgr(current: AnsiStyle, parameters: string): AnsiStyle {
  // Only digits and ';' are SGR; private sequences such as "?25" are not colours.
  if (!/^[\d;]*$/.test(parameters)) return current;
  const codes = parameters === '' ? [0] : parameters.split(';').map((part) => (part === '' ? 0 : Number(part)));
  let style = { ...current };
  for (let index = 0; index < codes.length; index += 1) {
    const code = codes[index]!;
    if (code === 0) style = { ...plainStyle };
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) style.inverse = true;
    else if (code === 22) style = { ...style, bold: false, dim: false };
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code === 27) style.inverse = false;
    else if (code >= 30 && code <= 37) style.fg = code - 30;
    else if (code >= 90 && code <= 97) style.fg = code - 90 + 8;
    else if (code === 39) style.fg = null;
    else if (code >= 40 && code <= 47) style.bg = code - 40;
    else if (code >= 100 && code <= 107) style.bg = code - 100 + 8;
    else if (code === 49) style.bg = null;
    else if (code === 38 || code === 48) {
      const [colour, used] = extendedColour(codes, index + 1);
      if (colour !== undefined) style[code === 38 ? 'fg' : 'bg'] = colour;
      index += used;
    }
  }
  return style;
}

/** `5;N` (256 colours) or `2;R;G;B` (true colour) after a 38/48; answers the colour and codes used. */
function extendedColour(codes: readonly number[], at: number): [number | string | undefined, number] {
  if (codes[at] === 5) {
    const value = codes[at + 1];
    if (value === undefined || value > 255) return [undefined, 2];
    return [value < 16 ? value : palette256(value), 2];
  }
  if (codes[at] === 2) {
    const [red, green, blue] = [codes[at + 1], codes[at + 2], codes[at + 3]].map((part) => Math.min(255, Math.max(0, part ?? 0)));
    return [`rgb(${red} ${green} ${blue})`, 4];
  }
  return [undefined, 0];
}

/** The xterm 256-colour cube (16–231) and grey ramp (232–255). */
function palette256(index: number): string {
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `rgb(${level} ${level} ${level})`;
  }
  const cube = index - 16;
  const level = (step: number) => (step === 0 ? 0 : 55 + step * 40);
  return `rgb(${level(Math.floor(cube / 36))} ${level(Math.floor(cube / 6) % 6)} ${level(cube % 6)})`;
}
