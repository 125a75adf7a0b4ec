/**
 * Markdown read into plain blocks and inline runs, rendered by the window as elements: raw HTML
 * in the text stays text, and a link is shown as its words and address, never followed from the
 * preview. Covers what READMEs and reports use: headings, paragraphs, lists, quotes, fenced code,
 * rules, and inline code, emphasis and links.
 */
export type Inline = { kind: 'text' | 'code' | 'strong' | 'em'; text: string } | { kind: 'link'; text: string; href: string };
export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; inlines: Inline[] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'rule' };

export function markdownBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = /^\s*(```|~~~)\s*([\w+-]*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      index += 1;
      while (index < lines.length && !lines[index]!.trimStart().startsWith(fence[1]!)) body.push(lines[index++]!);
      index += 1;
      blocks.push({ kind: 'code', language: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, inlines: inlines(heading[2]!) });
      index += 1;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      index += 1;
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+/;
    if (item.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: Inline[][] = [];
      while (index < lines.length && item.test(lines[index]!)) items.push(inlines(lines[index++]!.replace(item, '')));
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && /^\s*>/.test(lines[index]!)) quoted.push(lines[index++]!.replace(/^\s*>\s?/, ''));
      blocks.push({ kind: 'quote', inlines: inlines(quoted.join(' ')) });
      continue;
    }
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length && lines[index]!.trim() !== '' && !/^(#{1,6}\s|\s*(```|~~~)|\s*>|\s*([-*+]|\d+[.)])\s)/.test(lines[index]!)) paragraph.push(lines[index++]!.trim());
    blocks.push({ kind: 'paragraph', inlines: inlines(paragraph.join(' ')) });
  }
  return blocks;
}

const inlinePattern = /`([^`]+)`|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function inlines(text: string): Inline[] {
  const runs: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    if (match.index > last) runs.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) runs.push({ kind: 'code', text: match[1] });
    else if (match[2] !== undefined || match[3] !== undefined) runs.push({ kind: 'strong', text: (match[2] ?? match[3])! });
    else if (match[4] !== undefined || match[5] !== undefined) runs.push({ kind: 'em', text: (match[4] ?? match[5])! });
    else runs.push({ kind: 'link', text: match[6]!, href: match[7]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ kind: 'text', text: text.slice(last) });
  return runs;
}
