/** One hop of a ProxyJump list as written: `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
export type JumpSpec = { host: string; user: string | undefined; port: number | undefined };

/** Splits a ProxyJump value into hops, nearest first; an error string names the part that is wrong. */
export function parseProxyJump(value: string): JumpSpec[] | string {
  const specs: JumpSpec[] = [];
  for (const part of value.split(',')) {
    const spec = parseHop(part.trim());
    if (typeof spec === 'string') return `ProxyJump ${value}: ${spec}`;
    specs.push(spec);
  }
  return specs;
}

function parseHop(text: string): JumpSpec | string {
  const body = text.replace(/^ssh:\/\//i, '').replace(/\/$/, '');
  // The last @ separates the user, as in OpenSSH (a user name could hold an @, a host cannot).
  const at = body.lastIndexOf('@');
  const user = at >= 0 ? body.slice(0, at) : undefined;
  const hostPort = at >= 0 ? body.slice(at + 1) : body;
  // [v6-address]:port keeps the colons of the address out of the port.
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort) ?? /^([^:[\]]+)(?::(\d+))?$/.exec(hostPort);
  if (!match || match[1] === undefined || user === '') return `"${text}" is not [user@]host[:port]`;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return `"${text}" has port ${match[2]}, outside 1-65535`;
  return { host: match[1], user, port };
}
