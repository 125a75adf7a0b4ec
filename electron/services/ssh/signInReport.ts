/**
 * What one hop's sign-in tried, for the message when it fails: methods and key paths, never a
 * secret. Filled in by the auth handler as it goes.
 */
export type SignInReport = {
  /** In the order sent: "ssh-agent", "key ~/.ssh/id_ed25519", "password". */
  tried: string[];
  /** Keys not offered and why: "~/.ssh/id_rsa (passphrase not given)". */
  skipped: string[];
  /** Why nobody could be asked for a password (no terminal, no window), when that happened. */
  cannotAsk: string | null;
  /** The profile allows ssh-agent but none is running. */
  noAgent: boolean;
};

export function emptySignInReport(): SignInReport {
  return { tried: [], skipped: [], cannotAsk: null, noAgent: false };
}

/** "Tried: …. Skipped …. <what to do>." */
export function describeSignInReport(report: SignInReport): string {
  const parts = [`Tried: ${report.tried.length > 0 ? [...new Set(report.tried)].join(', ') : 'nothing'}.`];
  if (report.skipped.length > 0) parts.push(`Skipped: ${[...new Set(report.skipped)].join('; ')}.`);
  if (report.noAgent) parts.push('No ssh-agent is running (SSH_AUTH_SOCK is not set).');
  parts.push(report.cannotAsk ? `${capitalize(report.cannotAsk)}.` : 'Check the user name, key or password.');
  return parts.join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
