import { hasLoneSurrogate } from '../../../shared/security/wellFormedText';

/**
 * POSIX single-quote quoting for the one place where argv becomes a string: a command sent to a
 * remote shell over SSH. Inside single quotes a POSIX shell expands nothing, so the only character
 * to handle is the quote itself, written as `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(argument: string): string {
  // A NUL cannot be carried by any argv or shell word: refusing it beats silently truncating.
  if (argument.includes('\0')) throw new TypeError('A shell argument cannot contain a NUL byte');
  // Nor can a lone surrogate: it would arrive as U+FFFD, a different argument from the one sent.
  if (hasLoneSurrogate(argument)) throw new TypeError('A shell argument cannot contain invalid Unicode (a lone surrogate)');
  return `'${argument.replaceAll("'", "'\\''")}'`;
}

/** One shell command line whose words are exactly `argv`, whatever they contain. */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new TypeError('A command needs at least the program name');
  return argv.map(shellQuote).join(' ');
}
