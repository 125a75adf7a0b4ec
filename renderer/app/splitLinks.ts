import { checkExternalUrl } from '../../shared/security/externalUrl';

export type TextPart = { text: string } | { url: string };

// Trailing punctuation is sentence, not link: "see https://mfa.example.org." ends at "org".
const urlPattern = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/g;

/** Text cut into plain runs and the http(s) links that pass the one external-URL check. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    if (!checkExternalUrl(match[0]).ok) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ url: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
