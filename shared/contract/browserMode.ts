/** The browser-mode socket: where it lives and the subprotocol both sides speak. */
export const rpcPath = '/rpc';
export const rpcSubprotocol = 'slurmdesk.v1';

/**
 * How a browser gets in. The session secret never leaves the host process except as an HttpOnly
 * cookie set on the loopback answer to a launch: a page POSTs a one-time launch code to
 * `launchPath`, the host answers with the cookie, and the socket handshake then carries it.
 */
export const launchPath = '/launch';
/** The form field (launch page) and URL-fragment key (printed one-time address) of a launch code. */
export const launchCodeField = 'code';

/** One cookie per port, so two browser-mode hosts on one machine never overwrite each other's. */
export function sessionCookieName(port: number): string {
  return `slurmdesk-session-${port}`;
}
