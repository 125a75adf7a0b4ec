import type { AppNotice } from '../../../shared/app/appNotice';
import { checkExternalUrl } from '../../../shared/security/externalUrl';

/** The project's releases feed (GitHub's "latest release" of the repository). */
export const releasesFeedUrl = 'https://api.github.com/repos/slurmdesk/slurmdesk/releases/latest';

/** `1.10.0` is newer than `1.9.3`; a leading `v` and any pre-release or build suffix are ignored. */
export function isNewerVersion(candidate: string, current: string): boolean {
  const parts = (version: string) => version.replace(/^v/, '').split(/[-+]/)[0]!.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [a, b] = [parts(candidate), parts(current)];
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return false;
}

/**
 * Asks the releases feed once and turns a newer release into a notice with its page. It only
 * tells: nothing is downloaded or installed (an updater that installs waits for signed releases).
 * Null when there is nothing newer; a failure comes back as an Error for the log, never a notice.
 */
export async function checkForUpdate(options: { currentVersion: string; feedUrl?: string; fetch?: typeof fetch; timeoutMs?: number }): Promise<AppNotice | null> {
  const response = await (options.fetch ?? fetch)(options.feedUrl ?? releasesFeedUrl, {
    headers: { accept: 'application/vnd.github+json' },
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  if (!response.ok) throw new Error(`the releases feed answered ${response.status}`);
  const release = (await response.json()) as { tag_name?: unknown; html_url?: unknown; draft?: unknown; prerelease?: unknown };
  if (typeof release.tag_name !== 'string' || release.draft === true || release.prerelease === true) return null;
  if (!isNewerVersion(release.tag_name, options.currentVersion)) return null;
  const page = typeof release.html_url === 'string' ? checkExternalUrl(release.html_url) : null;
  const where = page?.ok ? `: ${page.url}` : '.';
  return {
    level: 'info',
    message: `Slurm Desk ${release.tag_name.replace(/^v/, '')} is available (this is ${options.currentVersion})${where}`,
    cause: 'update-available',
  };
}
