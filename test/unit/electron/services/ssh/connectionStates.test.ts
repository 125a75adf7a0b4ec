import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClusterConnection } from '../../../../../shared/contract/connectionMethods';
import { ClusterConnectionSchema } from '../../../../../shared/contract/connectionMethods';
import { AppError } from '../../../../../shared/errors';
import { checkHostKey } from '../../../../../electron/services/ssh/hostKeys/checkHostKey';
import { sha256Fingerprint } from '../../../../../electron/services/ssh/hostKeys/hostKeyFingerprint';
import { decideHostKey } from '../../../../../electron/services/ssh/hostKeys/hostKeyPolicy';
import { ConnectionStates, stateOfFailure } from '../../../../../electron/services/ssh/connectionStates';
import { generateKey, knownHostsLine, makeTempDir } from './hostKeys/realKeys';

const temp = makeTempDir('connection-states');
afterAll(() => temp.remove());
const presented = generateKey(temp.dir, 'ed25519');
const old = generateKey(temp.dir, 'ed25519', 'ed25519-old');

function refusal(lines: string[]): unknown {
  const userFile = join(temp.dir, `known_hosts_${lines.length}_${Math.random()}`);
  writeFileSync(userFile, lines.map((line) => `${line}\n`).join(''));
  const check = checkHostKey({ host: 'hpc.example.org', port: 2222, keyType: presented.keyType, keyBlob: presented.keyBlob }, { userFile, readOnlyFiles: [] });
  const decision = decideHostKey(check, 'auto', { canAsk: true });
  if (decision.action !== 'refuse') throw new Error(`expected a refusal, got ${decision.action}`);
  return decision.error;
}

describe('connection states', () => {
  it('a changed key becomes host-key-refused with both fingerprints and the old entry’s file and line', () => {
    const outcome = stateOfFailure(refusal(['# first line', knownHostsLine('[hpc.example.org]:2222', old)]));
    expect(outcome.state).toBe('host-key-refused');
    expect(outcome.hostKeyProblem).toMatchObject({
      kind: 'changed',
      host: 'hpc.example.org',
      port: 2222,
      hopLabel: 'hpc.example.org:2222',
      presented: sha256Fingerprint(presented.keyBlob),
      known: [{ fingerprint: sha256Fingerprint(old.keyBlob), line: 2, keyType: old.keyType }],
    });
    expect(outcome.hostKeyProblem?.explanation).toContain('HAS CHANGED');
  });

  it('a revoked key becomes host-key-refused of kind revoked', () => {
    const outcome = stateOfFailure(refusal([knownHostsLine('*', presented, '@revoked')]));
    expect(outcome).toMatchObject({ state: 'host-key-refused', hostKeyProblem: { kind: 'revoked', presented: sha256Fingerprint(presented.keyBlob) } });
  });

  it('sign-in failures and network failures are told apart; an unknown key declined carries no problem', () => {
    expect(stateOfFailure(new AppError('auth-failed', 'no'))).toEqual({ state: 'sign-in-failed', message: 'no' });
    expect(stateOfFailure(new AppError('connection-refused', 'refused'))).toEqual({ state: 'unreachable', message: 'refused' });
    expect(stateOfFailure(new AppError('host-key-unknown', 'not trusted'))).toEqual({ state: 'host-key-refused', message: 'not trusted' });
    expect(stateOfFailure(new Error('boom'))).toEqual({ state: 'unreachable', message: 'boom' });
  });

  it('emits each change once, valid under the contract, and not a repeat of the same state', () => {
    const emitted: ClusterConnection[] = [];
    const states = new ConnectionStates((connection) => emitted.push(connection));
    expect(states.get('hpc').state).toBe('disconnected');
    states.set('hpc', 'connecting');
    states.set('hpc', 'connecting');
    states.set('hpc', 'needs-input');
    states.failed('hpc', refusal([knownHostsLine('[hpc.example.org]:2222', old)]));
    expect(emitted.map((connection) => connection.state)).toEqual(['connecting', 'needs-input', 'host-key-refused']);
    for (const connection of emitted) expect(ClusterConnectionSchema.parse(connection)).toEqual(connection);
    states.forget('hpc');
    expect(states.get('hpc').state).toBe('disconnected');
  });
});
