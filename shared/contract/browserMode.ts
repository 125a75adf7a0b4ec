/** The browser-mode socket: where it lives and the subprotocols both sides speak. */
export const rpcPath = '/rpc';
export const rpcSubprotocol = 'slurmdesk.v1';
/** The one-time token rides as a second offered subprotocol, never in a logged URL. */
export const tokenSubprotocolPrefix = 'slurmdesk.token.';
