import { AppError, ContractErrorCode, type ErrorDetail } from '../../shared/errors';

/** A mistake in how the command was called: exit status 2 and a hint, never a stack trace. */
export class UsageError extends AppError {
  override name = 'UsageError';

  constructor(message: string, details?: ErrorDetail[]) {
    super('usage', message, details);
  }
}

export const exitCodes = { success: 0, failure: 1, usage: 2 } as const;

/**
 * Codes of errors that say the command line itself was wrong: everything the CLI sends comes from
 * its arguments, so a value the contract or a schema refuses is the caller's to fix (exit 2).
 */
export const commandLineErrorCodes: ReadonlySet<string> = new Set(['usage', ContractErrorCode.invalidParams, 'invalid-spec', 'invalid-profile', 'invalid-update']);
