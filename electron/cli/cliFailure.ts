import { AppError, type SerializedError } from '../../shared/errors';
import { commandLineErrorCodes, exitCodes } from './cliErrors';
import { shown, type Output } from './output';

/**
 * Reports a failed command and returns its exit status: 2 when the command line was wrong, else
 * 1. With --json the failure is one JSON document on stdout, `{error: {name, code, message,
 * details}}`, whatever failed; the person also gets the text on stderr. Messages may embed what a
 * cluster said, so they are shown escaped on one line each.
 */
export function reportFailure(error: unknown, output: Output): number {
  const known = error instanceof AppError ? error : null;
  const usage = known !== null && commandLineErrorCodes.has(known.code);
  const serialized: SerializedError = known
    ? { name: known.name, code: known.code, message: known.message, details: known.details ?? [] }
    : { name: 'Error', code: 'internal', message: 'slurmdesk failed unexpectedly; the details are on stderr.', details: [] };
  if (output.json) output.print({ error: serialized }, () => '');
  if (known) {
    // Details the message already names (it lists the first few) are not repeated.
    const details = (known.details ?? [])
      .filter((detail) => !known.message.includes(`${detail.path}: ${detail.message}`))
      .map((detail) => `\n  ${shown(detail.path)}: ${shown(detail.message)}`)
      .join('');
    output.log(`slurmdesk: ${shown(known.message)}${details}${usage ? '\nRun slurmdesk --help for the commands and flags.' : ''}`);
  } else {
    output.log(`slurmdesk: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return usage ? exitCodes.usage : exitCodes.failure;
}
