import { describe, expect, it } from 'vitest';
import type { ClusterProfileInput, Hop } from '../../../../../../shared/clusters/clusterProfile';
import { importSshConfig, type SshConfigImport } from '../../../../../../electron/services/ssh/sshConfig/importSshConfig';

const home = '/home/alice';
const run = (text: string, defaultUser?: string): SshConfigImport =>
  importSshConfig(text, { home, configPath: '/home/alice/.ssh/config', defaultUser });

function profileOf(result: SshConfigImport, name: string): ClusterProfileInput {
  const profile = result.profiles.find((entry) => entry.name === name);
  if (!profile) throw new Error(`no profile ${name}; skipped: ${JSON.stringify(result.skipped)}`);
  return profile;
}
const hostsOf = (profile: ClusterProfileInput): string[] => (profile.jump ?? []).map((hop) => `${hop.user}@${hop.host}:${hop.port}`);
const reasonFor = (result: SshConfigImport, alias: string): string | undefined =>
  result.skipped.find((entry) => entry.alias === alias)?.reason;

const siteConfig = `
Host gateway
  HostName gw.example.org
  User alice
  Port 2022
  IdentityFile ~/.ssh/id_gateway
  IdentitiesOnly yes

Host login
  HostName login.internal
  User alice
  ProxyJump gateway

Host compute
  HostName c1.internal
  User alice
  ProxyJump login

Host both
  HostName c2.internal
  User alice
  ProxyJump gateway,login

Host chain
  HostName node.internal
  User dave
  ProxyJump jumper@hop1.example.org:2200,ssh://hop2.example.org,root@[2001:db8::1]:2222

Host override
  HostName o.internal
  User alice
  ProxyJump bob@gateway:2200

Host direct
  HostName direct.example.org
  User alice
  ProxyJump none

Host * !gateway
  ProxyJump gateway
  User everyone
`;

describe('importSshConfig ProxyJump', () => {
  it('resolves a hop that names an alias through its HostName, User, Port and IdentityFile', () => {
    const login = profileOf(run(siteConfig), 'login');
    const gatewayHop: Hop = {
      host: 'gw.example.org',
      port: 2022,
      user: 'alice',
      auth: { agent: false, keyFiles: ['/home/alice/.ssh/id_gateway'], password: true, keyboardInteractive: true },
    };
    expect(login.jump).toEqual([gatewayHop]);
  });

  it("follows the first hop's own ProxyJump, as ssh does, nearest hop first", () => {
    expect(hostsOf(profileOf(run(siteConfig), 'compute'))).toEqual(['alice@gw.example.org:2022', 'alice@login.internal:22']);
  });

  it("ignores a later hop's own ProxyJump, which ssh overrides with -J", () => {
    expect(hostsOf(profileOf(run(siteConfig), 'both'))).toEqual(['alice@gw.example.org:2022', 'alice@login.internal:22']);
  });

  it('reads user@host:port chains, ssh:// hops and bracketed IPv6, with Host * filling in what a hop leaves out', () => {
    // hop1 is not an alias, but Host * !gateway still gives it (the first hop) a ProxyJump of its own.
    const chain = profileOf(run(siteConfig), 'chain');
    expect(hostsOf(chain)).toEqual([
      'alice@gw.example.org:2022',
      'jumper@hop1.example.org:2200',
      'everyone@hop2.example.org:22',
      'root@2001:db8::1:2222',
    ]);
  });

  it('lets user@ and :port in ProxyJump override the alias config of that hop', () => {
    expect(hostsOf(profileOf(run(siteConfig), 'override'))).toEqual(['bob@gw.example.org:2200']);
  });

  it('treats ProxyJump none as no jump, even with a Host * ProxyJump after it', () => {
    expect(profileOf(run(siteConfig), 'direct').jump).toEqual([]);
  });

  it('keeps the excluded gateway direct: Host * !gateway does not apply to it', () => {
    expect(profileOf(run(siteConfig), 'gateway').jump).toEqual([]);
  });

  it('skips an alias whose ProxyJump loops, or whose hop has no User', () => {
    const text = 'Host a\n  User u\n  ProxyJump b\nHost b\n  User u\n  ProxyJump a\nHost c\n  User u\n  ProxyJump lonely.example.org\n';
    const result = run(text);
    expect(reasonFor(result, 'a')).toBe('ProxyJump loops back to a');
    expect(reasonFor(result, 'c')).toMatch(/^jump host lonely\.example\.org: no User/);
    expect(hostsOf(profileOf(run(text, 'guest'), 'c'))).toEqual(['guest@lonely.example.org:22']);
  });

  it('skips an alias whose first hop uses ProxyCommand, and names a malformed ProxyJump', () => {
    const text = 'Host old\n  User u\n  ProxyCommand nc %h %p\nHost via-old\n  User u\n  ProxyJump old\nHost bad\n  User u\n  ProxyJump u@:22\n';
    const result = run(text);
    expect(reasonFor(result, 'via-old')).toBe('ProxyCommand is not supported; use ProxyJump');
    expect(reasonFor(result, 'bad')).toMatch(/^ProxyJump u@:22: "u@:22" is not \[user@\]host\[:port\]/);
  });

  it('reports more hops than a profile allows through the schema', () => {
    const text = 'Host deep\n  User u\n  ProxyJump h1,h2,h3,h4,h5\nHost *\n  User u\n';
    expect(reasonFor(run(text), 'deep')).toMatch(/^jump: /);
  });
});
