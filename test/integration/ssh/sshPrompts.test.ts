import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ContractClient } from '../../../shared/contract/client';
import { Dispatcher } from '../../../shared/contract/dispatcher';
import { EventHub } from '../../../shared/contract/eventHub';
import { FramePort } from '../../../shared/contract/framePort';
import { FrameSession } from '../../../shared/contract/frameSession';
import { isTerminal } from '../../../shared/jobs/jobState';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { MemoryCredentialStore } from '../../../electron/services/credentials/memoryCredentialStore';
import { silentLogger } from '../../../electron/services/log';
import { slurmUnavailableReason, startCluster, stopCluster } from '../slurm/slurmCluster';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';

let env: SshdEnv;
let services: AppServices;
let client: ContractClient;
const fromMain: string[] = [];

// A window (here: a contract client) answers the host-key and password prompts by method.
describeWithSshd('prompts over the contract', () => {
  beforeAll(async () => {
    const noSlurm = slurmUnavailableReason();
    if (noSlurm) throw new Error(noSlurm);
    await startCluster('plain');
    env = await startSshd();
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-prompts-'));
    const knownHostsFile = join(dataDir, 'known_hosts');
    writeFileSync(knownHostsFile, '');
    const hub = new EventHub();
    services = openAppServices({
      dataDir, electronVersion: null, openExternal: async () => false, hub, log: silentLogger, backgroundRefresh: false,
      credentials: new MemoryCredentialStore(), knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
    });
    // Every frame main sends is recorded, to prove no secret ever travels back.
    let session: FrameSession | null = null;
    const port = new FramePort('memory', (text) => queueMicrotask(() => session?.receive(text)));
    session = new FrameSession(new Dispatcher(services.handlers), (text) => {
      fromMain.push(text);
      queueMicrotask(() => port.receive(text));
    }, 'memory', hub);
    client = new ContractClient(port);
    await client.call('clusters.save', {
      profile: { name: 'asked', host: env.host, port: env.targetPort, user: env.user, hostKeyPolicy: 'ask', auth: { agent: false, keyFiles: [], password: true, keyboardInteractive: false }, jump: [], defaults: {} },
    });
  }, 200_000);
  afterAll(async () => {
    await services?.close();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('asks for the host key and the password through events, answered by method', async () => {
    const notices: string[] = [];
    const stopNotices = client.on('app.notice', (notice) => notices.push(notice.message));
    const stopHostKeys = client.on('hostKey.prompt', (prompt) => {
      expect(prompt).toMatchObject({ host: env.host, port: env.targetPort, keyType: 'ssh-ed25519', fingerprint: env.targetFingerprint });
      void client.call('hostKeys.answer', { id: prompt.id, answer: 'trust', expectedFingerprint: env.targetFingerprint }).then((reply) => expect(reply).toEqual({ accepted: true, fingerprintMatched: true }));
    });
    const stopAuth = client.on('auth.prompt', (prompt) => {
      expect(prompt).toMatchObject({ kind: 'password', user: env.user, canSave: true });
      void client.call('auth.answer', { id: prompt.id, values: [env.password], save: false });
    });
    const job = await client.call('jobs.submit', { spec: { name: 'asked', cluster: 'asked', task: { kind: 'script', body: 'echo ok' } } });
    for (let tries = 0; tries < 100 && !isTerminal(services.engine.get(job.id).state); tries += 1) {
      await services.tracker.refresh('asked');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(services.engine.get(job.id).state).toBe('COMPLETED');
    expect(notices.some((message) => /with a password/.test(message))).toBe(true);
    expect(fromMain.join('\n')).not.toContain(env.password);
    for (const stop of [stopNotices, stopHostKeys, stopAuth]) stop();
  });

  it('cancels when the pasted fingerprint does not match, and nothing is sent', async () => {
    await services.backend('asked').close();
    await client.call('hostKeys.forget', { host: env.host, port: env.targetPort });
    let passwordAsked = false;
    client.on('auth.prompt', () => (passwordAsked = true));
    client.on('hostKey.prompt', (prompt) => {
      void client.call('hostKeys.answer', { id: prompt.id, answer: 'trust', expectedFingerprint: `SHA256:${'B'.repeat(43)}` });
    });
    const error = await client.call('jobs.submit', { spec: { name: 'x', cluster: 'asked', task: { kind: 'script', body: 'true' } } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'host-key-unknown' });
    expect(passwordAsked).toBe(false);
  });
});
