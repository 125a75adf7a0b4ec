import { describe, expect, it } from 'vitest';
import { splitLinks } from '../../../renderer/app/splitLinks';

describe('links in server text', () => {
  it('makes http(s) links clickable and leaves sentence punctuation outside them', () => {
    expect(splitLinks('Enroll at https://mfa.example.org/enroll?x=1. Then enter the code:')).toEqual([
      { text: 'Enroll at ' },
      { url: 'https://mfa.example.org/enroll?x=1' },
      { text: '. Then enter the code:' },
    ]);
    expect(splitLinks('(see http://help.example.org)')).toEqual([{ text: '(see ' }, { url: 'http://help.example.org' }, { text: ')' }]);
  });

  it('keeps other schemes, and links with credentials, as plain text', () => {
    for (const text of ['file:///etc/passwd', 'javascript:alert(1)', 'https://user:secret@evil.example.org/x', 'ssh://host']) {
      expect(splitLinks(text)).toEqual([{ text }]);
    }
  });

  it('returns plain text untouched, and nothing for nothing', () => {
    expect(splitLinks('Password:')).toEqual([{ text: 'Password:' }]);
    expect(splitLinks('')).toEqual([]);
  });
});
