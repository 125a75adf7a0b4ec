import type { ClusterProfile, HostKeyPolicyName } from '../../../shared/clusters/clusterProfile';
import type { EventHub } from '../../../shared/contract/eventHub';
import type { AuditLog } from '../audit/auditLog';
import type { CredentialStore } from '../credentials/credentialStore';
import type { SessionSecrets } from '../credentials/sessionSecrets';
import type { Logger } from '../log';
import type { PromptBroker } from '../prompts/promptBroker';
import type { AuthPrompter } from './authPrompter';
import type { ConnectionStates } from './connectionStates';
import type { KnownHostsFiles } from './hostKeys/checkHostKey';
import { createHostKeyVerifier } from './hostKeyVerifier';
import { createSshBackend, type SshBackend } from './sshBackend';
import { promptersWatchedFor } from './watchedPrompters';

export type ProfileSshBackendDeps = {
  hub: EventHub;
  log: Logger;
  audit: AuditLog;
  broker: PromptBroker;
  credentials: CredentialStore;
  states: ConnectionStates;
  knownHosts: () => KnownHostsFiles;
  /** The CLI asks on its terminal; windows are asked through the broker's contract events. */
  authPrompter?: AuthPrompter | undefined;
  /** `--host-key-policy`: overrides the profile's policy for this process. */
  hostKeyPolicy?: HostKeyPolicyName | undefined;
  /** Passwords and passphrases kept in memory until the process ends (never on disk). */
  sessionSecrets?: SessionSecrets | undefined;
  /** Where partial uploads a cut connection left are recorded until they are removed. */
  strandedFile?: string | undefined;
};

/**
 * The SSH backend of one saved cluster, wired to the app: prompts through the person's window
 * (or terminal), host keys checked under the profile's policy, its state reported for the
 * cluster list, and a notice when a password was typed where a key would do.
 */
export function createProfileSshBackend(cluster: string, profile: ClusterProfile, deps: ProfileSshBackendDeps): SshBackend {
  const { hub, log, audit, broker, states } = deps;
  const watched = promptersWatchedFor(cluster, states, { auth: deps.authPrompter ?? broker.authPrompter, hostKey: broker.hostKeyPrompter });
  return createSshBackend(
    profile,
    {
      credentials: deps.credentials,
      prompter: watched.auth,
      audit,
      agentSocket: process.env.SSH_AUTH_SOCK || undefined,
      sessionSecrets: deps.sessionSecrets,
      onSecretNotSaved: ({ what, reason, remembered }) => {
        const kept = remembered ? ' It is remembered until Slurm Desk quits.' : '';
        const message = `Signed in to ${cluster}, but ${what} was not saved in the keychain: ${reason}${kept}`;
        log.warn(message);
        hub.emit('app.notice', { level: 'warning', message, cause: `keychain-save:${cluster}` });
      },
      onAuthenticated: (hop, method) => {
        if (method !== 'password' && method !== 'keyboard-interactive') return;
        const where = hop.hop ? `${hop.hopLabel} on the way to ${cluster}` : `${cluster} (${hop.hopLabel})`;
        const message = `Signed in to ${where} with ${method === 'password' ? 'a password' : 'keyboard-interactive (password or code)'}. A key, ideally in ssh-agent, is safer and needs no typing.`;
        log.warn(message);
        // One banner per hop, replaced on every reconnect rather than added.
        hub.emit('app.notice', { level: 'warning', message, cause: `sign-in-method:${cluster}:${hop.hopLabel}` });
      },
      verifyHostKey: createHostKeyVerifier({
        policy: deps.hostKeyPolicy ?? profile.hostKeyPolicy,
        files: deps.knownHosts(),
        // Windows answer through the broker; a CLI has nobody to show a fingerprint to.
        prompter: () => (!deps.authPrompter && broker.hasPerson() ? watched.hostKey : null),
        audit,
      }),
    },
    log,
    {
      connecting: () => states.set(cluster, 'connecting'),
      connected: () => states.set(cluster, 'connected'),
      failed: (error) => states.failed(cluster, error),
      closed: (why) => states.set(cluster, 'disconnected', { message: why }),
    },
    deps.strandedFile ? { strandedFile: deps.strandedFile } : {},
  );
}
