import sshConfigModule, { type Line } from 'ssh-config';

/**
 * An ssh_config file as OpenSSH reads it: options before the first Host/Match apply to every
 * host, then each Host or Match line opens a block that runs to the next one. The `ssh-config`
 * package does the tokenizing (quotes, `=`, comments); we feed it one line at a time so a
 * garbage line costs that line only, never the whole file.
 */
export type ConfigEntry = {
  /** Lowercased, with aliases folded (ChallengeResponseAuthentication is KbdInteractiveAuthentication). */
  keyword: string;
  /** The argument as one string, quotes removed. */
  text: string;
  /** The arguments as separate words: Host patterns, Match criteria. */
  args: string[];
  line: number;
};

export type MatchCriterion = { name: string; negated: boolean; value: string | undefined };

export type ConfigBlock =
  | { kind: 'global'; line: number; entries: ConfigEntry[] }
  | { kind: 'host'; line: number; patterns: string[]; entries: ConfigEntry[] }
  | { kind: 'match'; line: number; criteria: MatchCriterion[]; entries: ConfigEntry[] }
  /** A Host/Match line that cannot be read: its body is ignored rather than applied to the wrong hosts. */
  | { kind: 'unreadable'; line: number; entries: ConfigEntry[] };

export type ConfigNote = { line: number; message: string };
export type ParsedSshConfig = { blocks: ConfigBlock[]; notes: ConfigNote[] };

// The package is published as both CommonJS and ESM; reading members off the default export works for both.
const SSHConfig = sshConfigModule;

// OpenSSH treats these spellings as one option, so "first obtained wins" must see them as one key.
const keywordAliases: Record<string, string> = {
  challengeresponseauthentication: 'kbdinteractiveauthentication',
};

// Match criteria that take no argument; every other criterion takes exactly one.
const bareCriteria = new Set(['all', 'canonical', 'final']);

export function parseSshConfigText(text: string): ParsedSshConfig {
  const blocks: ConfigBlock[] = [{ kind: 'global', line: 0, entries: [] }];
  const notes: ConfigNote[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = index + 1;
    const current = blocks[blocks.length - 1]!;
    let entry: ConfigEntry | null;
    try {
      entry = readLine(raw, line);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (/^\s*(host|match)(\s|=|$)/i.test(raw)) {
        blocks.push({ kind: 'unreadable', line, entries: [] });
        notes.push({ line, message: `line ${line} cannot be read (${why}); the options under it are ignored` });
      } else {
        notes.push({ line, message: `line ${line} cannot be read (${why}); it is ignored` });
      }
      return;
    }
    if (!entry) return;
    if (entry.keyword === 'host') {
      blocks.push({ kind: 'host', line, patterns: entry.args, entries: [] });
    } else if (entry.keyword === 'match') {
      const criteria = readCriteria(entry.args);
      blocks.push(criteria ? { kind: 'match', line, criteria, entries: [] } : { kind: 'unreadable', line, entries: [] });
      if (!criteria) notes.push({ line, message: `line ${line}: a Match criterion has no value; the options under it are ignored` });
    } else if (entry.keyword === 'include') {
      current.entries.push(entry);
      notes.push({ line, message: `line ${line}: Include is not followed; hosts and options in ${entry.text} are not imported` });
    } else {
      current.entries.push(entry);
    }
  });
  return { blocks, notes };
}

/** One directive, or null for blank and comment lines. Throws on lines the tokenizer rejects. */
function readLine(raw: string, line: number): ConfigEntry | null {
  const directive = SSHConfig.parse(raw).find((node: Line) => node.type === SSHConfig.DIRECTIVE);
  if (!directive || !('param' in directive) || directive.param === '') return null;
  const value = directive.value;
  const args = typeof value === 'string' ? (value === '' ? [] : [value]) : value.map((part) => part.val);
  const text = typeof value === 'string' ? value : args.join(' ');
  const lowered = directive.param.toLowerCase();
  return { keyword: keywordAliases[lowered] ?? lowered, text, args, line };
}

function readCriteria(args: readonly string[]): MatchCriterion[] | null {
  const criteria: MatchCriterion[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    const negated = word.startsWith('!');
    const name = (negated ? word.slice(1) : word).toLowerCase();
    if (bareCriteria.has(name)) {
      criteria.push({ name, negated, value: undefined });
      continue;
    }
    const value = args[i + 1];
    if (value === undefined) return null;
    criteria.push({ name, negated, value });
    i += 1;
  }
  return criteria;
}
