import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashHostName, hashedHostNameMatches, parseHashedHostName } from '../../../../../../electron/services/ssh/hostKeys/hashedHostNames';
import {
  hostFieldMatches,
  hostPortLabel,
  knownHostsName,
  matchPatternList,
  matchWildcard,
  parseHostField,
  type HostField,
  type HostPattern,
} from '../../../../../../electron/services/ssh/hostKeys/hostPatterns';
import { parseKnownHosts } from '../../../../../../electron/services/ssh/hostKeys/knownHostsFile';
import { generateKey, keygenFoundLines, knownHostsLine, makeTempDir, sshKeygen } from './realKeys';

const temp = makeTempDir('host-patterns');
afterAll(() => temp.remove());
const key = generateKey(temp.dir, 'ed25519');

function field(text: string): HostField {
  const parsed = parseHostField(text);
  if (!parsed) throw new Error(`not a host field: ${text}`);
  return parsed;
}

function patternsOf(text: string): HostPattern[] {
  const parsed = field(text);
  if (parsed.kind !== 'patterns') throw new Error(`not a pattern list: ${text}`);
  return parsed.patterns;
}

/** Line numbers our matcher finds for `name`, the way `ssh-keygen -F` reports them. */
function ourFoundLines(name: string, file: string, text: string): number[] {
  return parseKnownHosts(text, file)
    .entries.filter((entry) => hostFieldMatches(entry.hosts, name))
    .map((entry) => entry.line);
}

describe('host patterns', () => {
  it('spells names as OpenSSH looks them up', () => {
    expect(knownHostsName('HPC.Example.org', 22)).toBe('hpc.example.org');
    expect(knownHostsName('hpc.example.org', 2222)).toBe('[hpc.example.org]:2222');
    expect(knownHostsName('::1', 22)).toBe('::1');
    expect(knownHostsName('::1', 2222)).toBe('[::1]:2222');
    expect(hostPortLabel('hpc.example.org', 22)).toBe('hpc.example.org:22');
    expect(hostPortLabel('::1', 2222)).toBe('[::1]:2222');
  });

  it('matches * and ? like match_pattern()', () => {
    expect(matchWildcard('*.example.org', 'hpc.example.org')).toBe(true);
    expect(matchWildcard('*.example.org', 'example.org')).toBe(false);
    expect(matchWildcard('node?', 'node1')).toBe(true);
    expect(matchWildcard('node?', 'node12')).toBe(false);
    expect(matchWildcard('node?', 'node')).toBe(false);
    expect(matchWildcard('*', '')).toBe(true);
    expect(matchWildcard('', '')).toBe(true);
    expect(matchWildcard('', 'a')).toBe(false);
    expect(matchWildcard('a*b*c', 'aXXbYYc')).toBe(true);
    expect(matchWildcard('a*b*c', 'aXXbYY')).toBe(false);
    expect(matchWildcard('[hpc]:*', '[hpc]:2222')).toBe(true);
    const started = performance.now();
    expect(matchWildcard(`${'*a'.repeat(30)}b`, 'a'.repeat(500))).toBe(false);
    // Backtracking would take ages here; the bound only has to sit far above a loaded machine's noise.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('lets a negation exclude but never include, case-insensitively', () => {
    const list = patternsOf('*.Example.ORG,!bad.example.org');
    expect(matchPatternList(list, 'good.example.org')).toBe('positive');
    expect(matchPatternList(list, 'bad.example.org')).toBe('negated');
    expect(matchPatternList(list, 'elsewhere.net')).toBe('none');
    expect(hostFieldMatches(field('!bad.example.org'), 'good.example.org')).toBe(false);
    expect(hostFieldMatches(field('HPC.example.org'), knownHostsName('hpc.EXAMPLE.org', 22))).toBe(true);
    expect(hostFieldMatches(field('hpc.example.org'), knownHostsName('hpc.example.org', 2222))).toBe(false);
    expect(hostFieldMatches(field('[hpc.example.org]:2222'), knownHostsName('hpc.example.org', 2222))).toBe(true);
  });

  it('matches hashed names: HMAC-SHA1 of the lookup name keyed by the salt', () => {
    const hashed = hashHostName('[gw.example.org]:2222');
    expect(hashed).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}=$/);
    const parsed = parseHashedHostName(hashed)!;
    expect(hashedHostNameMatches(parsed, '[gw.example.org]:2222')).toBe(true);
    expect(hashedHostNameMatches(parsed, 'gw.example.org')).toBe(false);
    expect(parseHashedHostName('|1|AAAA|BBBB')).toBeNull();
    expect(parseHashedHostName(`${hashed},other`)).toBeNull();
    expect(parseHostField(`${hashed},other`)).toBeNull();
  });

  it('finds the same lines as ssh-keygen -F, plain and after ssh-keygen -H', () => {
    const file = join(temp.dir, 'patterns_known_hosts');
    const text = `${[
      knownHostsLine('*.example.org,!bad.example.org', key),
      knownHostsLine('node?.cluster', key),
      knownHostsLine('HPC.Example.ORG', key),
      knownHostsLine('[gw.example.org]:2222', key),
      knownHostsLine('alpha,beta,10.1.2.3', key),
      knownHostsLine('[10.1.2.3]:2222,gamma', key),
      knownHostsLine('!*.cluster,node7.cluster', key),
    ].join('\n')}\n`;
    writeFileSync(file, text);
    const names = [
      'hpc.example.org',
      'bad.example.org',
      'node1.cluster',
      'node12.cluster',
      'node7.cluster',
      '[gw.example.org]:2222',
      'gw.example.org',
      'alpha',
      'beta',
      '10.1.2.3',
      '[10.1.2.3]:2222',
      'gamma',
      'delta',
    ];
    for (const name of names) expect(ourFoundLines(name, file, text), name).toEqual(keygenFoundLines(name, file));
    // ssh-keygen folds the name's case for plain patterns too.
    expect(keygenFoundLines('HPC.EXAMPLE.ORG', file)).toEqual(ourFoundLines(knownHostsName('HPC.EXAMPLE.ORG', 22), file, text));

    const hashedFile = join(temp.dir, 'hashed_known_hosts');
    copyFileSync(file, hashedFile);
    expect(sshKeygen(['-H', '-f', hashedFile]).status).toBe(0);
    expect(sshKeygen(['-F', 'nothing-at-all', '-f', hashedFile]).status).toBe(1);
    const rewritten = readFileSync(hashedFile, 'utf8');
    // Every name of a plain list became its own hashed line; wildcard lines stay as they were.
    expect(parseKnownHosts(rewritten, hashedFile).entries.filter((entry) => entry.hosts.kind === 'hashed')).toHaveLength(7);
    for (const name of ['hpc.example.org', '[gw.example.org]:2222', 'alpha', 'beta', '10.1.2.3', '[10.1.2.3]:2222', 'gamma', 'node1.cluster', 'delta']) {
      expect(ourFoundLines(name, hashedFile, rewritten), name).toEqual(keygenFoundLines(name, hashedFile));
    }
  });
});
