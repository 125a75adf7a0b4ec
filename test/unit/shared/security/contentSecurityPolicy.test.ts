import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../shared/security/contentSecurityPolicy';

describe('contentSecurityPolicy', () => {
  const directives = (policy: string) =>
    Object.fromEntries(policy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));

  it('allows only the app itself: no eval, no inline script, no remote origin, no framing', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    // Frames show only what the app's own scripts put in a blob: (the PDF preview), never an address.
    expect(policy['frame-src']).toEqual(['blob:']);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-|https?:|\*/);
  });

  it('adds only the given socket origins to connect-src', () => {
    const policy = directives(contentSecurityPolicy({ connectSources: ['ws://127.0.0.1:4000'] }));
    expect(policy['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:4000']);
  });
});
