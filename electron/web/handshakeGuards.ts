import { timingSafeEqual } from 'node:crypto';

/**
 * The checks every browser-mode request passes before anything else happens. Host stops DNS
 * rebinding (a hostile page whose name now resolves to 127.0.0.1 still sends its own name);
 * Origin stops other sites' pages from opening the socket; the session cookie stops other local
 * users and programs, which can reach the port but can read neither the launch page nor the cookie.
 */
export type HostIdentity = { port: number };

const loopbackNames = ['127.0.0.1', 'localhost'];

export function isAllowedHost(hostHeader: string | undefined, identity: HostIdentity): boolean {
  if (!hostHeader) return false;
  return loopbackNames.some((name) => hostHeader.toLowerCase() === `${name}:${identity.port}`);
}

export function isAllowedOrigin(originHeader: string | undefined, identity: HostIdentity): boolean {
  if (!originHeader) return false;
  return loopbackNames.some((name) => originHeader.toLowerCase() === `http://${name}:${identity.port}`);
}

export function tokensMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A launch form is POSTed from the launch page, a file (Origin `null`), or by the app's own page
 * from a one-time address; a page of any other site is refused before its code is looked at.
 */
export function isAllowedLaunchOrigin(originHeader: string | undefined, identity: HostIdentity): boolean {
  if (originHeader === undefined || originHeader === 'null') return true;
  return isAllowedOrigin(originHeader, identity);
}

/** The value of the cookie `name` in a Cookie header (`a=1; slurmdesk-session-41234=<hex>`). */
export function sessionFromCookieHeader(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return null;
}
