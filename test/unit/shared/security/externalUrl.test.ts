import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../../../shared/security/externalUrl';

describe('checkExternalUrl', () => {
  it.each(['https://slurm.schedmd.com/sbatch.html', 'http://intranet.example.org/help?q=1#top'])('allows %s', (url) => {
    expect(checkExternalUrl(url)).toEqual({ ok: true, url });
  });

  it.each([
    ['file:///etc/passwd', /not file:/],
    ['javascript:alert(1)', /not javascript:/],
    ['vscode://open?x', /not vscode:/],
    ['ms-msdt:/id', /not ms-msdt:/],
    ['https://user:pw@example.org/', /user name or password/],
    ['not a url', /not a valid URL/],
    ['https://' + 'a'.repeat(2050), /longer than 2048/],
  ])('refuses %s', (url, reason) => {
    const verdict = checkExternalUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });
});
