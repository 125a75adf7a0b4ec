// The security and fault proof scans for secrets after sessions that save them in the real OS
// keychain. On Linux that is a throwaway gnome-keyring on a private D-Bus session, started by
// test/daemons/secret-service.sh around the whole proof run (vitest itself has no session bus).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const onPath = (program) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' }).status === 0;

/** Why a throwaway keyring cannot start here, or null when it can. */
export function throwawayKeyringUnavailable() {
  if (process.platform !== 'linux') return 'the throwaway keyring needs Linux with gnome-keyring';
  const missing = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon'].filter((program) => !onPath(program));
  return missing.length > 0 ? `missing ${missing.join(', ')} (install with: sudo bash test/daemons/secret-service.sh install)` : null;
}

/**
 * `command` run inside a throwaway unlocked keyring when one can start here; otherwise unchanged,
 * with a line saying why (the secrets check then says it used a stand-in, and fails under CI).
 */
export function insideThrowawayKeyring(root, command) {
  const reason = throwawayKeyringUnavailable();
  if (reason) {
    console.log(`The proof runs without a throwaway keyring: ${reason}.`);
    return command;
  }
  return ['bash', join(root, 'test', 'daemons', 'secret-service.sh'), 'run', '--', ...command];
}
