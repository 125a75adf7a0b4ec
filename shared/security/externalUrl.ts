/**
 * The one check every link leaving the app passes (help pages, links in a server's MFA
 * instructions): http(s) only, no credentials in the URL, a real host. Anything else — file:,
 * javascript:, custom schemes that launch other programs — is refused.
 */
export type ExternalUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(candidate: string): ExternalUrlVerdict {
  if (candidate.length > 2048) return { ok: false, reason: 'The link is longer than 2048 characters.' };
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: 'The link is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `Only http and https links can be opened, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Links that carry a user name or password are not opened.' };
  }
  if (url.hostname === '') return { ok: false, reason: 'The link has no host.' };
  return { ok: true, url: url.href };
}
