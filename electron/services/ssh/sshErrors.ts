import { AppError } from '../../../shared/errors';
import { describeSignInReport, type SignInReport } from './signInReport';

/** Turns ssh2 and socket failures into errors that say what failed, where, and what to do. */
export function connectionError(error: unknown, where: string, signIn: SignInReport | null): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const level = (error as { level?: string }).level;
  if (level === 'client-authentication') {
    const what = signIn ? describeSignInReport(signIn) : 'Check the user name, key or password.';
    return new AppError('auth-failed', `Sign-in to ${where} failed. ${what}`);
  }
  if (code === 'ECONNREFUSED') return new AppError('connection-refused', `${where} refused the connection: is sshd running on that port?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AppError('host-unknown', `The host in ${where} cannot be found: check its name.`);
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timed out/i.test(message)) {
    return new AppError('unreachable', `${where} cannot be reached (${code ?? 'timed out'}): check the network or VPN.`);
  }
  if (code === 'ECONNRESET' || /closed|end/i.test(message)) {
    return new AppError('connection-closed', `${where} closed the connection during setup (${message}).`);
  }
  return new AppError('ssh-failed', `The SSH connection to ${where} failed: ${message}`);
}
