import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../../electron/main/trustedSender';

const trusted = new Set([7]);
const ok = { webContentsId: 7, frameUrl: 'app://slurmdesk/index.html', isMainFrame: true };

describe('isTrustedSender', () => {
  it('accepts the app window top frame on the app origin', () => {
    expect(isTrustedSender(ok, trusted)).toBe(true);
  });

  it.each([
    ['another webContents', { ...ok, webContentsId: 8 }],
    ['an iframe', { ...ok, isMainFrame: false }],
    ['a frame that is gone', { ...ok, frameUrl: null }],
    ['a page navigated to the web', { ...ok, frameUrl: 'https://evil.example/' }],
    ['a local file', { ...ok, frameUrl: 'file:///tmp/x.html' }],
    ['a look-alike host', { ...ok, frameUrl: 'app://slurmdesk.evil/index.html' }],
  ])('refuses %s', (_label, sender) => {
    expect(isTrustedSender(sender, trusted)).toBe(false);
  });
});
