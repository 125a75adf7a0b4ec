import type { Handlers } from '../../../shared/contract/dispatcher';
import { AppError } from '../../../shared/errors';
import type { ClusterProfiles } from '../settings/clusterProfiles';
import { builtInClusters } from '../backends/clusterBackends';
import type { PromptBroker } from '../prompts/promptBroker';
import type { KnownHostsFiles } from './hostKeys/checkHostKey';
import { sha256Fingerprint } from './hostKeys/hostKeyFingerprint';
import { readKnownHostsFile } from './hostKeys/knownHostsFile';
import { addKnownHost, removeKnownHost } from './hostKeys/knownHostsWriter';
import { keyBlobType } from './hostKeys/publicKeyBlob';
import { scanHostKey } from './scanHostKey';
import { readSshConfigFile } from './sshConfig/readSshConfigFile';
import { ClusterProfileSchema } from '../../../shared/clusters/clusterProfile';
import { homedir } from 'node:os';
import { join } from 'node:path';

type SshMethods =
  | 'auth.answer' | 'hostKeys.answer' | 'hostKeys.list' | 'hostKeys.forget' | 'hostKeys.trust'
  | 'clusters.list' | 'clusters.save' | 'clusters.remove' | 'clusters.importSshConfig';

export type SshHandlerDeps = { broker: PromptBroker; profiles: ClusterProfiles; knownHosts: () => KnownHostsFiles; onProfilesChanged: (name: string) => void };

export function createSshHandlers(deps: SshHandlerDeps): Pick<Handlers, SshMethods> {
  return {
    'auth.answer': (params) => ({
      accepted: deps.broker.answerAuth(params.id, 'cancel' in params ? null : { values: params.values, save: params.save, rememberForSession: params.rememberForSession }),
    }),
    'hostKeys.answer': ({ id, answer, expectedFingerprint }) => deps.broker.answerHostKey(id, answer, expectedFingerprint),
    'hostKeys.list': () => {
      const files = deps.knownHosts();
      const contents = [files.userFile, ...files.readOnlyFiles].map((file) => readKnownHostsFile(file));
      return {
        entries: contents.flatMap((content) =>
          content.entries.map((entry) => ({
            hosts: entry.hosts.kind === 'hashed' ? '[hashed name]' : entry.hosts.text,
            keyType: entry.keyType,
            fingerprint: sha256Fingerprint(entry.keyBlob),
            file: entry.file,
            line: entry.line,
            marker: entry.marker,
          })),
        ),
        skippedLines: contents.reduce((count, content) => count + content.skipped.length, 0),
      };
    },
    'hostKeys.forget': ({ host, port }) => {
      const outcome = removeKnownHost(host, port, deps.knownHosts().userFile);
      return { removed: outcome.removed.length + outcome.edited.length, stillMatching: outcome.stillMatching.map((entry) => `${entry.hosts} (line ${entry.line})`) };
    },
    'hostKeys.trust': async ({ host, port, fingerprint }) => {
      const key = await scanHostKey(host, port);
      const presented = sha256Fingerprint(key);
      if (presented !== fingerprint) {
        throw new AppError(
          'fingerprint-mismatch',
          `${host}:${port} presented ${presented}, not the fingerprint you gave (${fingerprint}). Nothing was trusted; check the fingerprint with your site.`,
        );
      }
      const keyType = keyBlobType(key) ?? 'unknown';
      addKnownHost({ host, port, keyType, keyBlob: key }, deps.knownHosts());
      return { keyType, fingerprint: presented };
    },
    'clusters.list': () => ({
      ...deps.profiles.list(),
      builtIn: Object.entries(builtInClusters).map(([name, description]) => ({ name, description })),
    }),
    'clusters.save': ({ profile }) => {
      const saved = deps.profiles.save(profile);
      deps.onProfilesChanged(saved.name);
      return saved;
    },
    'clusters.importSshConfig': async ({ path }) => {
      const file = path ?? join(homedir(), '.ssh', 'config');
      const found = await readSshConfigFile(file);
      const profiles = found.profiles.flatMap((candidate) => {
        const parsed = ClusterProfileSchema.safeParse(candidate);
        return parsed.success ? [parsed.data] : [];
      });
      return { profiles, skipped: found.skipped, notes: found.notes.map((note) => note.message) };
    },
    'clusters.remove': ({ name }) => {
      const removed = deps.profiles.remove(name);
      deps.onProfilesChanged(name);
      return { removed };
    },
  };
}
