/** A name ssh-keygen -R (and hostKeys.forget) can take: one host, one port. */
export type HostPort = { host: string; port: number };

const hashedLabel = '[hashed name]';

export function isHashedName(hosts: string): boolean {
  return hosts === hashedLabel || hosts.startsWith('|1|');
}

/**
 * The plain names a known_hosts line lists (`hpc.example.org,10.0.0.5`, `[gate]:2222`). Patterns
 * (`*`, `?`) and negations (`!`) name no single host, so a row offers to forget only real names.
 */
export function forgettableNames(hosts: string): HostPort[] {
  if (isHashedName(hosts)) return [];
  return hosts.split(',').flatMap((name): HostPort[] => {
    if (name === '' || /[*?!]/.test(name)) return [];
    const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(name);
    if (bracketed) return [{ host: bracketed[1]!, port: Number(bracketed[2]) }];
    return [{ host: name, port: 22 }];
  });
}

/** How ssh writes it: the port only when it is not 22. */
export function formatHostPort({ host, port }: HostPort): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * Only ~/.ssh/known_hosts is the app's to change; known_hosts2 and the system files are read
 * for checks but edited by their owners (hostKeys.forget writes the user file only).
 */
export function isUserKnownHostsFile(file: string): boolean {
  return /[\\/]\.ssh[\\/]known_hosts$/.test(file);
}
