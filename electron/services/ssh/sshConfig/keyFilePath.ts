import { isAbsolute, join } from 'node:path';

/** What IdentityFile tokens stand for, for one host. */
export type KeyPathContext = {
  home: string;
  /** The person's login name on this computer (`%u`); tokens that need it fail when it is unknown. */
  localUser: string | undefined;
  /** The host after HostName (`%h`). */
  host: string;
  /** The user on the remote host (`%r`). */
  remoteUser: string;
  /** The name as written in the config (`%n`). */
  alias: string;
  port: number;
};

/**
 * Expands an IdentityFile as OpenSSH does (`~` first, then `%` tokens), so a profile holds a path
 * that means the same to us as to ssh. A relative result is taken from ~/.ssh, where ssh keys
 * live, rather than from the app's working directory, which means nothing to the person.
 */
export function expandKeyFilePath(raw: string, context: KeyPathContext): { path: string } | { error: string } {
  let text = raw;
  if (text === '~' || text.startsWith('~/')) text = context.home + text.slice(1);
  else if (text.startsWith('~')) return { error: `IdentityFile ${raw} names another user's home, which Slurm Desk does not expand` };
  if (text.includes('${')) return { error: `IdentityFile ${raw} uses an environment variable, which Slurm Desk does not expand` };
  const values: Record<string, string | undefined> = {
    '%': '%',
    d: context.home,
    u: context.localUser,
    h: context.host,
    r: context.remoteUser,
    n: context.alias,
    p: String(context.port),
  };
  let failed: string | null = null;
  const expanded = text.replace(/%(.?)/g, (token, key: string) => {
    const value = values[key];
    if (value === undefined) failed ??= token;
    return value ?? '';
  });
  if (failed !== null) return { error: `IdentityFile ${raw} uses ${failed}, which Slurm Desk cannot expand here` };
  return { path: isAbsolute(expanded) ? expanded : join(context.home, '.ssh', expanded) };
}
