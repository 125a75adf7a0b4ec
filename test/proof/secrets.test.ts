import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ContractClient } from '../../shared/contract/client';
import { Dispatcher } from '../../shared/contract/dispatcher';
import { EventHub } from '../../shared/contract/eventHub';
import { FramePort } from '../../shared/contract/framePort';
import { FrameSession } from '../../shared/contract/frameSession';
import { isTerminal } from '../../shared/jobs/jobState';
import { openAppServices, type AppServices } from '../../electron/services/appServices';
import { KeychainCredentialStore, keychainServiceName } from '../../electron/services/credentials/keychainCredentialStore';
import { MemoryCredentialStore } from '../../electron/services/credentials/memoryCredentialStore';
import type { CredentialStore } from '../../electron/services/credentials/credentialStore';
import { createLogger } from '../../electron/services/log';
import { openAppLogFile, type AppLogFile } from '../../electron/services/app/appLogFile';
import { slurmUnavailableReason, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { rawKeytar } from '../integration/credentials/keychainScenario';
import { insideThrowawayKeyring } from '../integration/support/secretService';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { recordCheck } from './support/proofRecorder';

/**
 * Scripted sessions that log in with a password, a key passphrase and keyboard-interactive, each
 * submitting and reading a real job over SSH; then every place the app writes — data folder
 * (journal, settings, known_hosts, audit log), its log, the job folders on the cluster, and every
 * frame main sent to the window — is searched for each secret (as text, base64, hex and UTF-16).
 * Saved sign-ins go to the real keychain: `npm run test:proof` runs inside a throwaway
 * gnome-keyring (test/daemons/secret-service.sh), whose own files are scanned too.
 */
let env: SshdEnv;
let services: AppServices;
let client: ContractClient;
let dataDir: string;
let appLog: AppLogFile;
let keychain: { store: CredentialStore; kind: string };
const fromMain: string[] = [];
const toMain: string[] = [];

describeWithSshd('secrets never land anywhere', () => {
  beforeAll(async () => {
    const noSlurm = slurmUnavailableReason();
    if (noSlurm) throw new Error(noSlurm);
    await startCluster('plain');
    env = await startSshd();
    dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-secrets-'));
    const knownHostsFile = join(dataDir, 'known_hosts');
    writeFileSync(knownHostsFile, '');
    keychain = chooseKeychain();
    // The desktop app's own log writer (rotated, in the data folder), which the scan below covers.
    appLog = openAppLogFile(dataDir);
    const hub = new EventHub();
    services = openAppServices({
      dataDir, electronVersion: null, openExternal: async () => false, hub, backgroundRefresh: false,
      log: createLogger('proof', (line) => appLog.write(line)),
      credentials: keychain.store, knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
    });
    let session: FrameSession | null = null;
    const port = new FramePort('memory', (text) => {
      toMain.push(text);
      queueMicrotask(() => session?.receive(text));
    });
    session = new FrameSession(new Dispatcher(services.handlers), (text) => {
      fromMain.push(text);
      queueMicrotask(() => port.receive(text));
    }, 'memory', hub);
    client = new ContractClient(port);
  }, 200_000);
  afterAll(async () => {
    await services?.close();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('after password, passphrase and keyboard-interactive sessions no secret is found anywhere', async () => {
    const sessions = [
      { name: 'by-password', auth: { agent: false, keyFiles: [], password: true, keyboardInteractive: false }, kind: 'password', secret: env.password },
      { name: 'by-passphrase', auth: { agent: false, keyFiles: [env.clientKeyEncrypted], password: false, keyboardInteractive: false }, kind: 'passphrase', secret: env.clientKeyPassphrase },
      { name: 'by-kbd', auth: { agent: false, keyFiles: [], password: false, keyboardInteractive: true }, kind: 'keyboard-interactive', secret: env.password },
    ] as const;
    const stopHostKeys = client.on('hostKey.prompt', (prompt) => {
      void client.call('hostKeys.answer', { id: prompt.id, answer: 'trust', expectedFingerprint: prompt.fingerprint });
    });
    const asked: string[] = [];
    const jobDirs: string[] = [];
    for (const [index, session] of sessions.entries()) {
      await client.call('clusters.save', {
        profile: { name: session.name, host: env.host, port: env.targetPort, user: env.user, hostKeyPolicy: 'ask', auth: { ...session.auth, keyFiles: [...session.auth.keyFiles] }, jump: [], defaults: {} },
      });
      const stopAuth = client.on('auth.prompt', (prompt) => {
        asked.push(prompt.kind);
        const values = prompt.kind === 'keyboard-interactive' ? prompt.prompts.map(() => session.secret) : [session.secret];
        // Saving puts the secret in the keychain; the first session also tries "don't save".
        void client.call('auth.answer', { id: prompt.id, values, save: index > 0 });
      });
      const job = await client.call('jobs.submit', {
        spec: { name: session.name, cluster: session.name, task: { kind: 'script', body: 'echo "ran as $(whoami)"; env | grep -ic pass || true' }, environment: { NOTE: 'not a secret' } },
      });
      for (let tries = 0; tries < 100 && !isTerminal(services.engine.get(job.id).state); tries += 1) {
        await services.tracker.refresh(session.name);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const record = services.engine.get(job.id);
      expect(record.state, `${session.name}: ${record.reason}`).toBe('COMPLETED');
      await client.call('jobs.logs', { id: job.id, stream: 'stdout', offset: 0, length: 4096 }).catch(() => null);
      jobDirs.push(record.jobDir);
      stopAuth();
      await services.backend(session.name).close();
    }
    stopHostKeys();
    await client.call('audit.list', {}).catch(() => null);
    await client.call('credentials.list', {}).catch(() => null);

    const secrets = [...new Set(sessions.map((session) => session.secret))];
    await appLog.flush();
    const places: { label: string; text: Buffer }[] = [];
    for (const file of filesUnder(dataDir)) places.push({ label: file, text: readFileSync(file) });
    const home = env.home;
    for (const dir of jobDirs) {
      const absolute = dir.startsWith('~/') ? join(home, dir.slice(2)) : dir;
      for (const file of filesUnder(absolute)) places.push({ label: file, text: readFileSync(file) });
    }
    const keyringHome = process.env.SLURMDESK_SECRET_SERVICE_HOME;
    if (keychain.kind === 'gnome-keyring' && keyringHome) {
      for (const file of filesUnder(keyringHome)) places.push({ label: `keyring file ${file}`, text: readFileSync(file) });
    }
    places.push({ label: 'frames main sent to the window', text: Buffer.from(fromMain.join('\n')) });
    // The window sends each secret once, in auth.answer, by design; no other frame may carry one.
    places.push({ label: 'frames the window sent, other than auth.answer', text: Buffer.from(toMain.filter((frame) => !frame.includes('"auth.answer"')).join('\n')) });
    const hits: string[] = [];
    for (const secret of secrets) {
      const needles = [Buffer.from(secret), Buffer.from(Buffer.from(secret).toString('base64')), Buffer.from(Buffer.from(secret).toString('hex')), Buffer.from(secret, 'utf16le')];
      for (const place of places) if (needles.some((needle) => place.text.includes(needle))) hits.push(place.label);
    }
    const scannedBytes = places.reduce((sum, place) => sum + place.text.length, 0);
    recordCheck({
      id: 'secrets-scan',
      area: 'attack',
      check: 'Secrets after password, passphrase and keyboard-interactive sessions',
      tried: `${sessions.length} scripted sessions over the real sshd and Slurm (each submits and reads a job), then every file of the data folder, the app log, the job folders on the cluster, the keyring's own (encrypted) files and the recorded IPC frames searched for ${secrets.length} secrets in 4 encodings`,
      attempts: places.length * secrets.length,
      lost: 0,
      breached: hits.length,
      figures: { 'places scanned': places.length, 'bytes scanned': scannedBytes, 'prompts answered': asked.join(', '), keychain: keychain.kind },
    });
    // The passphrase saved at the second prompt is in the keychain itself. PAM's lone "Password:"
    // over keyboard-interactive is asked as the account password (one-time codes never are).
    expect(await keychain.store.list()).toContain(`passphrase:${env.clientKeyEncrypted}`);
    if (keychain.kind === 'gnome-keyring') {
      const stored = (await rawKeytar().findCredentials(keychainServiceName)).map((entry) => entry.password);
      expect(stored).toContain(env.clientKeyPassphrase);
    }
    expect(asked).toEqual(['password', 'passphrase', 'password']);
    // The search does find a secret where one is: the answers the window sent carry them.
    const answers = Buffer.from(toMain.filter((frame) => frame.includes('"auth.answer"')).join('\n'));
    for (const secret of secrets) expect(answers.includes(Buffer.from(secret))).toBe(true);
    expect(places.map((place) => place.label).some((label) => label.endsWith('audit.jsonl') || label.includes('audit'))).toBe(true);
    expect(places.length).toBeGreaterThan(6);
    expect(hits).toEqual([]);
  });
});

/**
 * The real keychain when this run is inside a throwaway keyring; elsewhere an in-memory stand-in
 * (a fake, named in the report), which CI does not accept.
 */
function chooseKeychain(): { store: CredentialStore; kind: string } {
  if (insideThrowawayKeyring()) return { store: new KeychainCredentialStore(), kind: 'gnome-keyring' };
  const why = 'not inside a throwaway keyring (run it with npm run test:proof, which starts one)';
  if (process.env.CI === 'true') throw new Error(`The secrets check needs the real keychain under CI: ${why}.`);
  console.warn(`secrets check: using an in-memory keychain stand-in (a fake): ${why}.`);
  return { store: new MemoryCredentialStore(), kind: 'in-memory stand-in (fake)' };
}

function filesUnder(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() && statSync(path).size < 64 * 1024 * 1024 ? [path] : [];
  });
}
