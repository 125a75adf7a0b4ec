import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hop } from '../../../../../../shared/clusters/clusterProfile';
import { importSshConfig } from '../../../../../../electron/services/ssh/sshConfig/importSshConfig';

/**
 * OpenSSH is the reference: `ssh -G` prints what ssh would use for a name, so each imported
 * profile (and each of its hops, resolved by asking ssh about the hop) must say the same thing.
 */
const sshAvailable = spawnSync('ssh', ['-V'], { stdio: 'ignore' }).error === undefined;
if (!sshAvailable) console.warn('OpenSSH cross-check skipped: no `ssh` on PATH to run `ssh -G` against.');

const home = '/home/tester';
const config = `
# Valid for OpenSSH, so it can be the judge; exercises = syntax, keyword case and defaults.
Port=2200
Host hpc
    HostName login.hpc.example.org
    user alice
    Port = 2222
    IdentityFile ~/.ssh/id_hpc
Host GPU
  IDENTITYFILE ~/.ssh/id_gpu
  IdentitiesOnly yes
  PasswordAuthentication no
  ChallengeResponseAuthentication no
Host node7
  User nodeuser
Host node*
  HostName %h.cluster.example.org
  PubkeyAuthentication no
Host gateway
  HostName gw.example.org
  Port 2022
  IdentityFile ~/.ssh/id_gateway
Host login
  HostName login.internal
  ProxyJump gateway
Host compute
  HostName c1.internal
  ProxyJump login
Host chain
  ProxyJump jumper@hop1.example.org:2201,hop2.example.org,login
Host direct
  ProxyJump none
Host * !gateway
  ProxyJump gateway
Host *
  User everyone
  IdentityFile ~/.ssh/id_default
  IdentityFile ~/.ssh/id_hpc
`;

const temp = mkdtempSync(join(tmpdir(), 'slurmdesk-ssh-config-'));
const configFile = join(temp, 'config');
writeFileSync(configFile, config);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** `ssh -G` output as keyword → values (identityfile repeats). */
function sshG(name: string): Map<string, string[]> {
  const run = spawnSync('ssh', ['-G', '-F', configFile, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
  if (run.status !== 0) throw new Error(`ssh -G ${name} failed: ${run.stderr}`);
  const values = new Map<string, string[]>();
  for (const line of run.stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    values.set(key, [...(values.get(key) ?? []), line.slice(space + 1)]);
  }
  return values;
}

function one(values: Map<string, string[]>, key: string): string | undefined {
  return values.get(key)?.[0];
}

/** What ssh would connect to for `name`, with the user@ and :port a ProxyJump may add. */
function expectedEndpoint(name: string, user?: string, port?: number): Hop {
  const g = sshG(name);
  const pubkey = one(g, 'pubkeyauthentication') !== 'false';
  return {
    host: one(g, 'hostname')!,
    port: port ?? Number(one(g, 'port')),
    user: user ?? one(g, 'user')!,
    auth: {
      agent: pubkey && one(g, 'identitiesonly') !== 'yes',
      keyFiles: pubkey ? (g.get('identityfile') ?? []).map((path) => path.replace(/^~\//, `${home}/`)) : [],
      password: one(g, 'passwordauthentication') === 'yes',
      keyboardInteractive: one(g, 'kbdinteractiveauthentication') === 'yes',
    },
  };
}

/** Hops as ssh would use them: a hop's own ProxyJump counts only for the first hop of a list. */
function expectedChain(proxyJump: string | undefined): Hop[] {
  if (proxyJump === undefined) return [];
  return proxyJump.split(',').flatMap((text, index) => {
    const match = /^(?:(.+)@)?([^@:]+)(?::(\d+))?$/.exec(text);
    if (!match) throw new Error(`unexpected proxyjump from ssh -G: ${text}`);
    const [, user, host = '', port] = match;
    const hop = expectedEndpoint(host, user, port === undefined ? undefined : Number(port));
    return index === 0 ? [...expectedChain(one(sshG(host), 'proxyjump')), hop] : [hop];
  });
}

describe.skipIf(!sshAvailable)('importSshConfig against ssh -G', () => {
  const result = importSshConfig(config, { home, configPath: configFile });

  it.each(['hpc', 'GPU', 'node7', 'gateway', 'login', 'compute', 'chain', 'direct'])('%s matches ssh -G', (alias) => {
    const profile = result.profiles.find((entry) => entry.name === alias);
    expect(profile, JSON.stringify(result.skipped)).toBeDefined();
    const { jump, ...target } = profile!;
    const { auth, host, port, user } = expectedEndpoint(alias);
    expect(target).toEqual({ name: alias, host, port, user, auth });
    expect(jump).toEqual(expectedChain(one(sshG(alias), 'proxyjump')));
  });

  it('covers the cases that matter: a jump through an alias chain, and a lowercased host', () => {
    expect(result.profiles.find((entry) => entry.name === 'compute')?.jump).toHaveLength(2);
    expect(result.profiles.find((entry) => entry.name === 'chain')?.jump).toHaveLength(4);
    expect(result.profiles.find((entry) => entry.name === 'GPU')?.host).toBe('gpu');
  });
});
