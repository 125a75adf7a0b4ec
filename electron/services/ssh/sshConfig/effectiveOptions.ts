import { asciiLowercase, matchWildcard } from '../hostKeys/hostPatterns';
import type { ConfigBlock, ConfigEntry, MatchCriterion } from './sshConfigBlocks';

/** What OpenSSH computes for one host name: the first value obtained per option, every IdentityFile. */
export type EffectiveOptions = {
  /** Keyed by lowercased keyword; ProxyJump and ProxyCommand share the key `proxy` (first one wins). */
  first: Map<string, ConfigEntry>;
  identityFiles: ConfigEntry[];
  /** Match blocks that may apply to this host and would set an option the import reads. */
  matchLines: number[];
};

/** Options the import maps onto a profile: a Match block setting one of them could change it. */
const importedKeywords = new Set([
  'hostname', 'user', 'port', 'identityfile', 'identitiesonly', 'pubkeyauthentication', 'passwordauthentication',
  'kbdinteractiveauthentication', 'proxyjump', 'proxycommand',
]);

// OpenSSH keeps one proxy setting: whichever of ProxyJump and ProxyCommand comes first disables the other.
const slotOf = (keyword: string): string => (keyword === 'proxyjump' || keyword === 'proxycommand' ? 'proxy' : keyword);

export function effectiveOptions(blocks: readonly ConfigBlock[], name: string): EffectiveOptions {
  const first = new Map<string, ConfigEntry>();
  const identityFiles: ConfigEntry[] = [];
  const matchLines: number[] = [];
  const obtain = (entry: ConfigEntry): void => {
    if (entry.keyword === 'identityfile') identityFiles.push(entry);
    else if (!first.has(slotOf(entry.keyword))) first.set(slotOf(entry.keyword), entry);
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'global':
        block.entries.forEach(obtain);
        break;
      case 'host':
        if (hostLineMatches(block.patterns, name)) block.entries.forEach(obtain);
        break;
      case 'match': {
        // Match is never evaluated (`exec` would run commands); we only find out whether it could matter.
        const sets = block.entries.some(
          (entry) => importedKeywords.has(entry.keyword) && (entry.keyword === 'identityfile' || !first.has(slotOf(entry.keyword))),
        );
        const hostName = expandHostName(first.get('hostname')?.text ?? name, name) ?? name;
        if (sets && mayMatch(block.criteria, { originalHost: name, host: hostName, user: first.get('user')?.text })) {
          matchLines.push(block.line);
        }
        break;
      }
      case 'unreadable':
        break;
      default:
        assertNever(block);
    }
  }
  return { first, identityFiles, matchLines };
}

/** Concrete aliases in file order, and the patterns that are not one host (`*` and negations left out). */
export function hostAliases(blocks: readonly ConfigBlock[]): { aliases: string[]; patterns: string[] } {
  const aliases = new Set<string>();
  const patterns = new Set<string>();
  for (const block of blocks) {
    if (block.kind !== 'host') continue;
    for (const word of block.patterns) {
      if (word.startsWith('!') || word === '*') continue;
      (/[*?]/.test(word) ? patterns : aliases).add(word);
    }
  }
  return { aliases: [...aliases], patterns: [...patterns] };
}

/** HostName accepts only `%h` (the name as typed) and `%%`; null for any other token. OpenSSH lowercases the result. */
export function expandHostName(text: string, name: string): string | null {
  let unknown = false;
  const expanded = text.replace(/%(.?)/g, (_token, key: string) => {
    if (key === 'h') return name;
    if (key === '%') return '%';
    unknown = true;
    return '';
  });
  return unknown ? null : asciiLowercase(expanded);
}

/** A Host line: case-sensitive globs against the name as typed; one negated hit rules the block out. */
function hostLineMatches(patterns: readonly string[], name: string): boolean {
  let positive = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (!matchWildcard(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

/** A Match pattern list (`a,b,!c`), compared case-insensitively as match_hostname() does. */
function patternListMatches(list: string, name: string): boolean {
  return hostLineMatches(asciiLowercase(list).split(','), asciiLowercase(name));
}

type MatchContext = { originalHost: string; host: string; user: string | undefined };

/** False only when some criterion surely fails; exec, localuser, localnetwork, … count as "may match". */
function mayMatch(criteria: readonly MatchCriterion[], context: MatchContext): boolean {
  for (const criterion of criteria) {
    const result = evaluate(criterion, context);
    if (result !== undefined && result === criterion.negated) return false;
  }
  return true;
}

function evaluate({ name, value }: MatchCriterion, context: MatchContext): boolean | undefined {
  if (name === 'all') return true;
  if (value === undefined) return undefined;
  if (name === 'host') return patternListMatches(value, context.host);
  if (name === 'originalhost') return patternListMatches(value, context.originalHost);
  // User patterns are case-sensitive in OpenSSH, unlike host names.
  if (name === 'user' && context.user !== undefined) return hostLineMatches(value.split(','), context.user);
  return undefined;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected config block: ${JSON.stringify(value)}`);
}
