import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../../shared/contract/eventHub';
import { openAppServices, type AppServices } from '../../electron/services/appServices';
import { MemoryCredentialStore } from '../../electron/services/credentials/memoryCredentialStore';
import { silentLogger } from '../../electron/services/log';
import { knownHostsText, ScriptedPerson } from '../integration/ssh/sshHarness';
import type { SshdEnv } from '../integration/support/sshServer';

export type BenchApp = { services: AppServices; hub: EventHub; dataDir: string };

/**
 * The app's own services in this process, as the desktop app wires them, with one SSH cluster
 * profile per name (all pointing at the test sshd with the test user's key). No background
 * refresh: each benchmark refreshes when it means to.
 */
export function openBenchApp(env: SshdEnv, clusters: readonly string[] = ['hpc'], dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-'))): BenchApp {
  const knownHostsFile = join(dataDir, 'known_hosts');
  writeFileSync(knownHostsFile, knownHostsText(env));
  const hub = new EventHub();
  const services = openAppServices({
    dataDir,
    electronVersion: null,
    openExternal: async () => false,
    hub,
    log: silentLogger,
    backgroundRefresh: false,
    authPrompter: new ScriptedPerson(),
    credentials: new MemoryCredentialStore(),
    knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
  });
  const auth = { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false };
  for (const name of clusters) services.profiles.save({ name, host: env.host, port: env.targetPort, user: env.user, auth, hostKeyPolicy: 'reject' });
  return { services, hub, dataDir };
}
