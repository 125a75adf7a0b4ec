import { timingSafeEqual } from 'node:crypto';

/**
 * The checks every browser-mode request passes before anything else happens. Host stops DNS
 * rebinding (a hostile page whose name now resolves to 127.0.0.1 still sends its own name);
 * Origin stops other sites' pages from opening the socket; the token stops other local users and
 * programs, which can reach the port but never saw the printed URL.
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

/** Reads the token from the offered subprotocols: `slurmdesk.v1, slurmdesk.token.<hex>`. */
export function tokenFromSubprotocols(header: string | undefined, prefix: string): string | null {
  if (!header) return null;
  for (const offered of header.split(',')) {
    const value = offered.trim();
    if (value.startsWith(prefix)) return value.slice(prefix.length);
  }
  return null;
}
