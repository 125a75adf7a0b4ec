import { describe, expect, it } from 'vitest';
import type { ClusterProfileInput } from '../../../../../../shared/clusters/clusterProfile';
import { importSshConfig, type SshConfigImport } from '../../../../../../electron/services/ssh/sshConfig/importSshConfig';

const home = '/home/alice';
const configPath = '/home/alice/.ssh/config';
const run = (text: string, extra: { defaultUser?: string; localUser?: string } = {}): SshConfigImport =>
  importSshConfig(text, { home, configPath, ...extra });

function profileOf(result: SshConfigImport, name: string): ClusterProfileInput {
  const profile = result.profiles.find((entry) => entry.name === name);
  if (!profile) throw new Error(`no profile ${name}; skipped: ${JSON.stringify(result.skipped)}`);
  return profile;
}
const reasonFor = (result: SshConfigImport, alias: string): string | undefined =>
  result.skipped.find((entry) => entry.alias === alias)?.reason;

const groupConfig = `
# Research group laptop: ~/.ssh/config
Host hpc
    HostName login.hpc.example.org
    User alice
    Port 2222
    IdentityFile ~/.ssh/id_ed25519_hpc

Host gpu gpu-cluster
  HostName gpu.example.edu
  User bob
  IdentityFile ~/.ssh/id_gpu
  IdentityFile /opt/keys/id_gpu_backup
  IdentitiesOnly yes
  PasswordAuthentication no
  ChallengeResponseAuthentication no

Host *.example.org
  ForwardAgent no

Host *
  Port 22
  User fallback
  IdentityFile ~/.ssh/id_ed25519
  ServerAliveInterval 60
`;

describe('importSshConfig', () => {
  it('maps HostName, User, Port and IdentityFile, with Host * defaults after the alias block', () => {
    const result = run(groupConfig);
    expect(profileOf(result, 'hpc')).toEqual({
      name: 'hpc',
      host: 'login.hpc.example.org',
      port: 2222,
      user: 'alice',
      auth: { agent: true, keyFiles: ['/home/alice/.ssh/id_ed25519_hpc', '/home/alice/.ssh/id_ed25519'], password: true, keyboardInteractive: true },
      jump: [],
    });
  });

  it('keeps every IdentityFile in order and maps IdentitiesOnly and the disabled auth methods', () => {
    const result = run(groupConfig);
    for (const name of ['gpu', 'gpu-cluster']) {
      const profile = profileOf(result, name);
      expect(profile.user).toBe('bob');
      expect(profile.port).toBe(22);
      expect(profile.auth).toEqual({
        agent: false,
        keyFiles: ['/home/alice/.ssh/id_gpu', '/opt/keys/id_gpu_backup', '/home/alice/.ssh/id_ed25519'],
        password: false,
        keyboardInteractive: false,
      });
    }
  });

  it('lists wildcard patterns as skipped and never makes a profile of Host * or a negation', () => {
    const result = run(`${groupConfig}\nHost * !gpu\n  Compression yes\nHost node?? login-*\n  User x\n`);
    expect(result.profiles.map((profile) => profile.name)).toEqual(['hpc', 'gpu', 'gpu-cluster']);
    expect(result.skipped.map((entry) => entry.alias).sort()).toEqual(['*.example.org', 'login-*', 'node??']);
    expect(reasonFor(result, 'node??')).toMatch(/pattern/);
  });

  it('takes the first value obtained: an earlier Host * beats a later alias block, except IdentityFile which adds up', () => {
    const result = run('Host *\n  User early\n  IdentityFile ~/.ssh/a\nHost late\n  User late\n  HostName late.example.org\n  IdentityFile ~/.ssh/b\n');
    const profile = profileOf(result, 'late');
    expect(profile.user).toBe('early');
    expect(profile.auth?.keyFiles).toEqual(['/home/alice/.ssh/a', '/home/alice/.ssh/b']);
  });

  it('skips an alias with no User unless a default user is given', () => {
    const text = 'Host nouser\n  HostName nouser.example.org\n';
    expect(run(text).profiles).toEqual([]);
    expect(reasonFor(run(text), 'nouser')).toMatch(/^no User/);
    expect(profileOf(run(text, { defaultUser: 'guest' }), 'nouser').user).toBe('guest');
  });

  it('uses the alias, lowercased as ssh does, when there is no HostName; expands %h in HostName', () => {
    const result = run('Host HPC\n  User a\nHost node7\n  User a\nHost node*\n  HostName %h.cluster.example.org\n');
    expect(profileOf(result, 'HPC').host).toBe('hpc');
    expect(profileOf(result, 'node7').host).toBe('node7.cluster.example.org');
  });

  it('expands ~, %d, %u, %r, %h, %n, %p and %% in IdentityFile; relative paths are under ~/.ssh', () => {
    const text = [
      'Host tok',
      '  HostName tok.example.org',
      '  User frank',
      '  Port 2200',
      '  IdentityFile %d/keys/%u/%r@%h:%p_%n',
      '  IdentityFile cluster/id_%%',
      '  IdentityFile ~',
    ].join('\n');
    expect(profileOf(run(text, { localUser: 'alice' }), 'tok').auth?.keyFiles).toEqual([
      '/home/alice/keys/alice/frank@tok.example.org:2200_tok',
      '/home/alice/.ssh/cluster/id_%',
      '/home/alice',
    ]);
  });

  it('skips an alias whose IdentityFile uses a token it cannot expand, rather than guessing the path', () => {
    const text = 'Host a\n  User u\n  IdentityFile ~/.ssh/%C\nHost b\n  User u\n  IdentityFile ~/.ssh/%u\nHost c\n  User u\n  IdentityFile ~bob/.ssh/id\n';
    const result = run(text);
    expect(result.profiles).toEqual([]);
    expect(reasonFor(result, 'a')).toMatch(/%C/);
    expect(reasonFor(result, 'b')).toMatch(/%u/);
    expect(reasonFor(result, 'c')).toMatch(/another user's home/);
  });

  it('reads comments, odd whitespace, = syntax, quotes and keywords in any case', () => {
    const text = [
      '   # indented comment',
      'Host=eq',
      '\tHostName = eq.example.org   # trailing comment',
      '  USER=grace',
      '\t\tport=2222',
      '  identityfile="~/.ssh/key with space"',
      '  IDENTITIESONLY YES',
      '  passwordAuthentication   No',
      '',
      '\t',
    ].join('\r\n');
    expect(profileOf(run(text), 'eq')).toEqual({
      name: 'eq',
      host: 'eq.example.org',
      port: 2222,
      user: 'grace',
      auth: { agent: false, keyFiles: ['/home/alice/.ssh/key with space'], password: false, keyboardInteractive: true },
      jump: [],
    });
  });

  it('skips an alias with ProxyCommand, and ProxyCommand none is no proxy', () => {
    const text = 'Host legacy\n  User erin\n  ProxyCommand ssh -W %h:%p gw.example.org\nHost direct\n  User erin\n  ProxyCommand none\n';
    const result = run(text);
    expect(reasonFor(result, 'legacy')).toBe('ProxyCommand is not supported; use ProxyJump');
    expect(profileOf(result, 'direct').jump).toEqual([]);
  });

  it('skips Match blocks with a note, and skips only the aliases a Match may change', () => {
    const text = [
      'Host hpc',
      '  HostName login.hpc.example.org',
      '  User alice',
      'Host vm',
      '  HostName 192.168.1.20',
      '  User me',
      'Host web',
      '  HostName web.example.org',
      'Match host *.hpc.example.org exec "test -S ~/.ssh/agent.sock"',
      '  IdentityFile ~/.ssh/id_hpc',
      'Match originalhost web',
      '  User www',
      'Match all',
      '  ServerAliveInterval 30',
      'Match user me',
      '  User someone-else',
    ].join('\n');
    const result = run(text);
    expect(reasonFor(result, 'hpc')).toMatch(/Match block on line 9/);
    expect(reasonFor(result, 'web')).toMatch(/Match block on line 11/);
    // vm: no host matches, `Match all` sets nothing imported, and its User was obtained before `Match user`.
    expect(profileOf(result, 'vm').user).toBe('me');
    expect(result.notes.map((note) => note.line)).toEqual([9, 11, 13, 15]);
    expect(result.notes[0]?.message).toMatch(/^\/home\/alice\/\.ssh\/config line 9: Match is not evaluated/);
  });

  it('sanitizes profile names, renames the built-in names and keeps names unique', () => {
    const text = 'Host local embedded my@box my-box\n  User u\n  HostName h.example.org\n';
    expect(run(text).profiles.map((profile) => profile.name)).toEqual(['local-ssh', 'embedded-ssh', 'my-box', 'my-box-2']);
  });

  it('puts the first schema issue in skipped for values a profile cannot hold', () => {
    const result = run('Host far\n  User u\n  Port 70000\nHost spaced\n  User "two words"\nHost named\n  User u\n  Port ssh\n');
    expect(reasonFor(result, 'far')).toMatch(/^port: /);
    expect(reasonFor(result, 'spaced')).toMatch(/^user: A user name is/);
    expect(reasonFor(result, 'named')).toBe('Port ssh is not a number');
  });

  it('survives garbage: unreadable lines become notes, and a broken Host line does not leak its options', () => {
    const text = [
      'this is not an ssh config at all',
      'Host',
      '  User leaked',
      'User "unterminated',
      'Match host',
      '  User leaked-too',
      '=== %%% ===',
      '\u0000\u0001\u0002 binary noise',
      'Host ok',
      '  HostName ok.example.org',
      'Include ~/.ssh/config.d/*',
    ].join('\n');
    let result: SshConfigImport | undefined;
    expect(() => (result = run(text))).not.toThrow();
    expect(reasonFor(result!, 'ok')).toMatch(/^no User/);
    expect(result!.notes.map((note) => note.line)).toEqual([2, 4, 5, 11]);
    expect(result!.notes[3]?.message).toMatch(/Include is not followed/);
    expect(() => run('\u00ff\u00fe"\\\n\n\t=\n#\nHost "')).not.toThrow();
  });
});
