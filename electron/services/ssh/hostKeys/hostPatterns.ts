import { hashedHostNameMatches, parseHashedHostName, type HashedHostName } from './hashedHostNames';

/**
 * The host field of a known_hosts line, matched as OpenSSH's match_hostname() does: a comma list
 * of `*`/`?` globs, `!` negating one; or exactly one hashed name. Port 22 is spelled `host`, any
 * other port `[host]:port`, so a key trusted for one port never trusts another by accident.
 */
export type HostPattern = {
  /** The subpattern as written, without its `!`: kept so a rewrite preserves the person's spelling. */
  text: string;
  /** ASCII-lowercased glob: OpenSSH folds patterns and names with tolower(), nothing wider. */
  glob: string;
  negated: boolean;
  /** No `*` or `?`: names exactly one host, so forgetting that host may drop it. */
  literal: boolean;
};

export type HostField =
  | { kind: 'hashed'; text: string; hashed: HashedHostName }
  | { kind: 'patterns'; text: string; patterns: HostPattern[] };

export type PatternListMatch = 'positive' | 'negated' | 'none';

// match_pattern_list() copies each subpattern into a 1024-byte buffer and gives up on longer ones.
const maxSubpatternLength = 1022;

export function asciiLowercase(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : text;
}

/** The name OpenSSH looks up and records: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const name = asciiLowercase(host);
  return port === 22 ? name : `[${name}]:${port}`;
}

/** How messages and CLI commands spell a host and port (`hpc:22`, `[::1]:2222`). */
export function hostPortLabel(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Parses a host field; null for a field that starts with `|` but is not one well-formed hash. */
export function parseHostField(text: string): HostField | null {
  if (text.startsWith('|')) {
    const hashed = parseHashedHostName(text);
    return hashed ? { kind: 'hashed', text, hashed } : null;
  }
  const patterns = text.split(',').map((sub): HostPattern => {
    const negated = sub.startsWith('!');
    const body = negated ? sub.slice(1) : sub;
    return { text: body, glob: asciiLowercase(body), negated, literal: !body.includes('*') && !body.includes('?') };
  });
  return { kind: 'patterns', text, patterns };
}

/** OpenSSH's glob: `*` any run (also empty), `?` exactly one character, all else literal. */
export function matchWildcard(glob: string, name: string): boolean {
  // Greedy scan with a single backtrack point: linear-ish, and no regex to blow up on `*****a`.
  let g = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const c = glob[g];
    if (c !== undefined && c !== '*' && (c === '?' || c === name[n])) {
      g += 1;
      n += 1;
    } else if (c === '*') {
      star = g;
      g += 1;
      resume = n;
    } else if (star !== -1) {
      g = star + 1;
      resume += 1;
      n = resume;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g += 1;
  return g === glob.length;
}

/** match_pattern_list(): a negated hit excludes the line outright; otherwise a positive hit matches. */
export function matchPatternList(patterns: readonly HostPattern[], name: string): PatternListMatch {
  let positive = false;
  for (const pattern of patterns) {
    if (pattern.glob.length > maxSubpatternLength) return 'none';
    if (!matchWildcard(pattern.glob, name)) continue;
    if (pattern.negated) return 'negated';
    positive = true;
  }
  return positive ? 'positive' : 'none';
}

/** True when the line's host field names `name` (a lookup name from knownHostsName). */
export function hostFieldMatches(field: HostField, name: string): boolean {
  if (field.kind === 'hashed') return hashedHostNameMatches(field.hashed, name);
  return matchPatternList(field.patterns, name) === 'positive';
}
