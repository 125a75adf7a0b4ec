import { homedir } from 'node:os';
import { resolve } from 'node:path';

/**
 * The identities OpenSSH tries when no IdentityFile is given, in its order (`ssh -G` on OpenSSH
 * 9.2 lists id_rsa, id_ecdsa, id_ecdsa_sk, id_ed25519, id_ed25519_sk, id_xmss, id_dsa), keeping
 * only the types ssh2 can sign with: security-key (sk) and XMSS keys need hardware or code ssh2
 * lacks, and OpenSSH itself no longer accepts DSA signatures.
 */
export const defaultIdentityFiles = ['~/.ssh/id_rsa', '~/.ssh/id_ecdsa', '~/.ssh/id_ed25519'] as const;

export type SignInKey = {
  /** Absolute path of the private key. */
  path: string;
  /** As the person would write it (~/.ssh/id_ed25519), for messages. */
  shown: string;
  /**
   * `profile`: named by the person; a problem with it is worth saying. `default`: one of
   * OpenSSH's default identities; a missing file is normal and a key whose passphrase is not
   * given is skipped, like ssh does.
   */
  source: 'profile' | 'default';
};

/** `~/x` as ssh_config writes it, made absolute against the given home. */
export function expandHome(file: string, home: string = homedir()): string {
  return resolve(file.replace(/^~(?=$|\/)/, home));
}

/**
 * The keys one hop signs in with: its own key files; for a jump host without any, the
 * profile's (the person named keys for the cluster and expects them to open the way to it);
 * with none at all, OpenSSH's default identities.
 */
export function signInKeys(hopKeyFiles: readonly string[], profileKeyFiles: readonly string[], home: string = homedir()): SignInKey[] {
  const named = hopKeyFiles.length > 0 ? hopKeyFiles : profileKeyFiles;
  if (named.length > 0) return named.map((file) => ({ path: expandHome(file, home), shown: file, source: 'profile' }));
  return defaultIdentityFiles.map((file) => ({ path: expandHome(file, home), shown: file, source: 'default' }));
}
