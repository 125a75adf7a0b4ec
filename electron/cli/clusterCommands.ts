import type { Params } from '../../shared/contract';
import { AppError, ContractErrorCode } from '../../shared/errors';
import type { ClusterProfileInput } from '../../shared/clusters/clusterProfile';
import { call } from './callMethod';
import { UsageError } from './cliErrors';
import type { CommandContext } from './commands';
import { shown } from './output';

export type ClusterAddFlags = {
  host?: string; port?: string; user?: string; key: string[]; jump: string[];
  'host-key-policy'?: string; 'job-base-dir'?: string; partition?: string; account?: string;
  'no-agent': boolean; 'no-password': boolean; 'no-keyboard-interactive': boolean; save: boolean;
};

export async function clustersCommand(context: CommandContext, action: string | undefined, names: string[], flags: ClusterAddFlags): Promise<number> {
  switch (action) {
    case 'list': {
      const listed = await call(context, 'clusters.list', {});
      context.output.print(listed, () =>
        [
          ...listed.builtIn.map((cluster) => `${shown(cluster.name).padEnd(16)} ${shown(cluster.description)}`),
          ...listed.profiles.map((profile) => `${shown(profile.name).padEnd(16)} ${endpoint(profile)} (host keys: ${profile.hostKeyPolicy})`),
          ...listed.problems.map((problem) => `warning: ${shown(problem)}`),
        ].join('\n'),
      );
      return 0;
    }
    case 'add': {
      const [name] = names;
      if (!name || names.length !== 1) throw new UsageError('clusters add takes one NAME, then --host and --user.');
      if (!flags.host || !flags.user) throw new UsageError('clusters add needs --host HOST and --user USER.');
      const auth = { agent: !flags['no-agent'], keyFiles: flags.key, password: !flags['no-password'], keyboardInteractive: !flags['no-keyboard-interactive'] };
      const profile: ClusterProfileInput = {
        name, host: flags.host, user: flags.user, auth,
        ...(flags.port ? { port: port(flags.port) } : {}),
        jump: flags.jump.map(parseHop),
        ...(flags['host-key-policy'] ? { hostKeyPolicy: flags['host-key-policy'] as ClusterProfileInput['hostKeyPolicy'] } : {}),
        ...(flags['job-base-dir'] ? { jobBaseDir: flags['job-base-dir'] } : {}),
        defaults: { ...(flags.partition ? { partition: flags.partition } : {}), ...(flags.account ? { account: flags.account } : {}) },
      };
      const saved = await call(context, 'clusters.save', { profile: profile as Params<'clusters.save'>['profile'] }).catch((error: unknown) => {
        throw inFlagTerms(error);
      });
      context.output.print({ profile: saved }, () => `Saved cluster ${shown(saved.name)}: ${endpoint({ ...saved, jump: [] })}`);
      return 0;
    }
    case 'import': {
      // Proposes profiles from ~/.ssh/config; --save keeps the ones not already saved.
      const found = await call(context, 'clusters.importSshConfig', names[0] ? { path: names[0] } : {});
      const existing = new Set((await call(context, 'clusters.list', {})).profiles.map((profile) => profile.name));
      const saved = flags.save ? await Promise.all(found.profiles.filter((profile) => !existing.has(profile.name)).map((profile) => call(context, 'clusters.save', { profile }))) : [];
      context.output.print({ ...found, saved: saved.map((profile) => profile.name) }, () =>
        [
          ...found.profiles.map((profile) => `${existing.has(profile.name) ? 'exists  ' : flags.save ? 'saved   ' : 'found   '}${shown(profile.name).padEnd(16)} ${endpoint(profile)}`),
          ...found.skipped.map((entry) => `skipped ${shown(entry.alias)}: ${shown(entry.reason)}`),
          ...found.notes.map(shown),
          ...(flags.save ? [] : ['Run again with --save to keep the profiles found.']),
        ].join('\n'),
      );
      return 0;
    }
    case 'remove': {
      if (names.length !== 1) throw new UsageError('clusters remove takes one NAME.');
      const { removed } = await call(context, 'clusters.remove', { name: names[0]! });
      context.output.print({ removed }, () => (removed ? `Removed ${shown(names[0]!)}.` : `No cluster named ${shown(names[0]!)}.`));
      return removed ? 0 : 1;
    }
    default:
      throw new UsageError('clusters takes list, add NAME --host HOST --user USER […], import [FILE] [--save], or remove NAME.');
  }
}

export async function hostsCommand(context: CommandContext, action: string | undefined, targets: string[], flags: { fingerprint?: string }): Promise<number> {
  switch (action) {
    case 'list': {
      const listed = await call(context, 'hostKeys.list', {});
      context.output.print(listed, () =>
        listed.entries.map((entry) => `${entry.marker ? `@${entry.marker} ` : ''}${shown(entry.hosts)}  ${shown(entry.keyType)}  ${entry.fingerprint}  (${shown(entry.file)}:${entry.line})`).join('\n') || 'No known hosts yet.',
      );
      return 0;
    }
    case 'trust': {
      if (targets.length !== 1 || !flags.fingerprint) throw new UsageError('hosts trust takes HOST[:PORT] and --fingerprint SHA256:… as published by your site.');
      const trusted = await call(context, 'hostKeys.trust', { ...hostPort(targets[0]!), fingerprint: flags.fingerprint });
      context.output.print(trusted, () => `Trusted ${shown(targets[0]!)} (${shown(trusted.keyType)} ${trusted.fingerprint}).`);
      return 0;
    }
    case 'forget': {
      if (targets.length !== 1) throw new UsageError('hosts forget takes HOST[:PORT].');
      const forgotten = await call(context, 'hostKeys.forget', hostPort(targets[0]!));
      context.output.print(forgotten, () =>
        [`Removed ${forgotten.removed} entr${forgotten.removed === 1 ? 'y' : 'ies'} for ${shown(targets[0]!)}.`, ...forgotten.stillMatching.map((line) => `Still matching (a pattern; edit by hand): ${shown(line)}`)].join('\n'),
      );
      return 0;
    }
    default:
      throw new UsageError('hosts takes list, trust HOST[:PORT] --fingerprint SHA256:…, or forget HOST[:PORT].');
  }
}

function hostPort(text: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed) return { host: bracketed[1]!, port: port(bracketed[2]!) };
  const plain = /^([^:]+)(?::(\d+))?$/.exec(text);
  if (!plain) throw new UsageError(`${JSON.stringify(text)} is not HOST or HOST:PORT.`);
  return { host: plain[1]!, port: plain[2] ? port(plain[2]) : 22 };
}

function parseHop(text: string) {
  const match = /^([^@]+)@(.+)$/.exec(text);
  if (!match) throw new UsageError(`--jump takes USER@HOST[:PORT], not ${JSON.stringify(text)}.`);
  return { user: match[1]!, ...hostPort(match[2]!) };
}

function port(text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new UsageError(`${JSON.stringify(text)} is not a port number.`);
  return Number(text);
}

/** `user@host:port via gateway → …`, each part as a person should see it. */
function endpoint(profile: { user: string; host: string; port: number; jump: readonly { host: string }[] }): string {
  const via = profile.jump.length ? ` via ${profile.jump.map((hop) => shown(hop.host)).join(' → ')}` : '';
  return `${shown(profile.user)}@${shown(profile.host)}:${profile.port}${via}`;
}

/** The profile's fields as the flags that set them, so the person knows what to type differently. */
const flagOfField: Record<string, string> = {
  name: 'NAME', host: '--host', port: '--port', user: '--user', hostKeyPolicy: '--host-key-policy', jobBaseDir: '--job-base-dir',
  partition: '--partition', account: '--account', keyFiles: '--key', jump: '--jump',
};

function inFlagTerms(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== ContractErrorCode.invalidParams || !error.details) return error;
  const details = error.details.map((detail) => {
    const parts = detail.path.replace(/^profile\.?/, '').split('.');
    const flag = parts.map((part) => flagOfField[part]).find((found) => found !== undefined) ?? (detail.path.replace(/^profile\.?/, '') || 'profile');
    const hop = /^profile\.jump\.(\d+)/.exec(detail.path);
    return { path: hop ? `--jump #${Number(hop[1]) + 1}` : flag, message: detail.message };
  });
  return new UsageError(`The cluster was not saved: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}.`, details);
}
