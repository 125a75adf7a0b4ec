/** A mistake in how the command was called: exit status 2 and a hint, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const exitCodes = { success: 0, failure: 1, usage: 2 } as const;
