import { AppError } from '../../../shared/errors';

// Codes that mean "the cluster could not be asked", as opposed to "the cluster said no".
const unreachableCodes = new Set(['unreachable', 'ssh-failed', 'connection-refused', 'connection-closed', 'host-unknown', 'scheduler-unreachable']);
const socketCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTCONN']);

/**
 * True when a failure means the cluster is out of reach (network, VPN, sshd down, a dropped SFTP
 * channel), so earlier answers may stand in for a fresh one. A refusal such as "permission
 * denied" is not: showing old data would hide a real problem.
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof AppError) return unreachableCodes.has(error.code);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && socketCodes.has(code)) return true;
  // ssh2's SFTP says this when the channel closes under a request.
  return /No response from server|Not connected|connection lost/i.test(error.message);
}
