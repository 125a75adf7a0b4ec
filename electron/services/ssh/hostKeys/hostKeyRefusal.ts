import type { HostKeyProblem } from '../../../../shared/contract/connectionMethods';
import { AppError } from '../../../../shared/errors';

/**
 * A changed or revoked host key, refused before anything was sent. It carries the facts the
 * changed-key screen shows side by side (presented and last-known fingerprints, file and line),
 * so the window does not have to parse the message.
 */
export class HostKeyRefusedError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly problem: Omit<HostKeyProblem, 'hopLabel' | 'explanation'>,
  ) {
    super(code, message);
  }
}
