import { ClusterProfileSchema, type AuthSettings, type ClusterProfileInput, type Hop } from '../../../../shared/clusters/clusterProfile';
import { effectiveOptions, expandHostName, hostAliases } from './effectiveOptions';
import { expandKeyFilePath } from './keyFilePath';
import { parseProxyJump, type JumpSpec } from './proxyJumpSpec';
import { parseSshConfigText, type ConfigBlock, type ConfigEntry, type ConfigNote } from './sshConfigBlocks';

export type SshConfigImportOptions = {
  home: string;
  /** Where the text came from; named in messages. */
  configPath: string;
  /** The user for hosts whose config names none; without it such hosts are skipped, since we never guess. */
  defaultUser?: string;
  /** The login name on this computer, for `%u` in IdentityFile. */
  localUser?: string;
};

/** A Host alias that did not become a profile, and why, in words the person can act on. */
export type SkippedHost = { alias: string; reason: string };

export type SshConfigImport = {
  profiles: ClusterProfileInput[];
  skipped: SkippedHost[];
  /** File-level remarks: unreadable lines, Include and Match lines that were not followed. */
  notes: ConfigNote[];
};

/** Why one alias cannot be imported; caught per alias so one bad host never stops the rest. */
class SkipHost extends Error {}

type Endpoint = { host: string; port: number; user: string; auth: AuthSettings; proxy: ConfigEntry | undefined };

const reservedNames = new Set(['embedded', 'local']);
const isNo = (entry: ConfigEntry | undefined): boolean => entry !== undefined && /^(no|false)$/i.test(entry.text);
const isYes = (entry: ConfigEntry | undefined): boolean => entry !== undefined && /^(yes|true)$/i.test(entry.text);

/**
 * Turns an ssh_config text into cluster profiles, one per concrete Host alias, with the values
 * `ssh <alias>` would use: first value obtained wins, Host * supplies defaults, ProxyJump hops
 * are resolved through the same file. Anything we cannot reproduce faithfully (ProxyCommand, a
 * Match block that may apply, an unexpandable token) skips the alias with a reason rather than
 * importing a profile that connects differently from ssh.
 */
export function importSshConfig(text: string, options: SshConfigImportOptions): SshConfigImport {
  const { blocks, notes } = parseSshConfigText(text);
  const { aliases, patterns } = hostAliases(blocks);
  const profiles: ClusterProfileInput[] = [];
  const skipped: SkippedHost[] = [];
  const usedNames = new Set<string>();
  for (const alias of aliases) {
    try {
      const profile = buildProfile(alias, blocks, options, usedNames);
      const parsed = ClusterProfileSchema.safeParse(profile);
      const issue = parsed.error?.issues[0];
      if (issue) {
        const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        skipped.push({ alias, reason: `${where}${issue.message}` });
        continue;
      }
      usedNames.add(profile.name.toLowerCase());
      profiles.push(profile);
    } catch (error) {
      if (!(error instanceof SkipHost)) throw error;
      skipped.push({ alias, reason: error.message });
    }
  }
  for (const pattern of patterns) {
    skipped.push({ alias: pattern, reason: 'a pattern, not one host: its options apply to the aliases it matches' });
  }
  for (const block of blocks) {
    if (block.kind !== 'match') continue;
    notes.push({ line: block.line, message: `line ${block.line}: Match is not evaluated; hosts it may change are skipped` });
  }
  notes.sort((a, b) => a.line - b.line);
  return { profiles, skipped, notes: notes.map((note) => ({ ...note, message: `${options.configPath} ${note.message}` })) };
}

function buildProfile(
  alias: string,
  blocks: readonly ConfigBlock[],
  options: SshConfigImportOptions,
  usedNames: ReadonlySet<string>,
): ClusterProfileInput {
  const target = resolveEndpoint(alias, { host: alias, user: undefined, port: undefined }, blocks, options, '');
  const jump = jumpChain(target.proxy, [alias], blocks, options);
  return { name: profileName(alias, usedNames), host: target.host, port: target.port, user: target.user, auth: target.auth, jump };
}

/** The values ssh would use to reach `name`; an explicit user@ or :port (from ProxyJump) overrides the config. */
function resolveEndpoint(
  name: string,
  spec: JumpSpec,
  blocks: readonly ConfigBlock[],
  options: SshConfigImportOptions,
  label: string,
): Endpoint {
  const fail = (reason: string): never => {
    throw new SkipHost(`${label}${reason}`);
  };
  const { first, identityFiles, matchLines } = effectiveOptions(blocks, name);
  if (matchLines.length > 0) {
    fail(`the Match block on line ${matchLines.join(', ')} may change its settings, and Match is not evaluated`);
  }
  const hostEntry = first.get('hostname');
  const host = expandHostName(hostEntry?.text ?? name, name) ?? fail(`HostName ${hostEntry?.text} uses a token other than %h`);
  const user = spec.user ?? first.get('user')?.text ?? options.defaultUser ?? fail('no User (add one to the config, or choose a default user)');
  const portText = first.get('port')?.text ?? '22';
  const port = spec.port ?? (/^\d{1,5}$/.test(portText) ? Number(portText) : fail(`Port ${portText} is not a number`));
  const pubkeyOff = isNo(first.get('pubkeyauthentication'));
  const context = { home: options.home, localUser: options.localUser, host, remoteUser: user, alias: name, port };
  const keyFiles: string[] = [];
  for (const entry of pubkeyOff ? [] : identityFiles) {
    const expanded = expandKeyFilePath(entry.text, context);
    if ('error' in expanded) fail(expanded.error);
    else if (!keyFiles.includes(expanded.path)) keyFiles.push(expanded.path);
  }
  const auth: AuthSettings = {
    // IdentitiesOnly: only the configured keys are offered, so the agent's other keys must not be.
    agent: !pubkeyOff && !isYes(first.get('identitiesonly')),
    keyFiles,
    password: !isNo(first.get('passwordauthentication')),
    keyboardInteractive: !isNo(first.get('kbdinteractiveauthentication')),
  };
  return { host, port, user, auth, proxy: first.get('proxy') };
}

/** The hops before a host, nearest first, following each first hop's own ProxyJump as ssh does. */
function jumpChain(proxy: ConfigEntry | undefined, seen: readonly string[], blocks: readonly ConfigBlock[], options: SshConfigImportOptions): Hop[] {
  if (!proxy || proxy.text === 'none') return [];
  if (proxy.keyword === 'proxycommand') throw new SkipHost('ProxyCommand is not supported; use ProxyJump');
  const specs = parseProxyJump(proxy.text);
  if (typeof specs === 'string') throw new SkipHost(specs);
  const hops: Hop[] = [];
  specs.forEach((spec, index) => {
    if (seen.includes(spec.host)) throw new SkipHost(`ProxyJump loops back to ${spec.host}`);
    const hop = resolveEndpoint(spec.host, spec, blocks, options, `jump host ${spec.host}: `);
    // ssh reaches later hops with `-J <earlier hops>`, which overrides their own ProxyJump; only the first keeps its own.
    if (index === 0) hops.push(...jumpChain(hop.proxy, [...seen, spec.host], blocks, options));
    hops.push({ host: hop.host, port: hop.port, user: hop.user, auth: hop.auth });
  });
  return hops;
}

/** The alias as a profile name: letters, digits, _ . - only; built-in names get `-ssh`; repeats get `-2`, `-3`. */
function profileName(alias: string, usedNames: ReadonlySet<string>): string {
  let base = alias.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 60);
  if (base === '') throw new SkipHost('the alias has no letters or digits to name a profile with');
  if (reservedNames.has(base.toLowerCase())) base = `${base}-ssh`;
  let name = base;
  for (let n = 2; usedNames.has(name.toLowerCase()); n += 1) name = `${base}-${n}`;
  return name;
}
