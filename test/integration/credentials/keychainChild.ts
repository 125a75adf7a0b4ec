import { KeychainCredentialStore } from '../../../electron/services/credentials/keychainCredentialStore';
import { rawKeytar, runUnavailableScenario, runUnlockedScenario } from './keychainScenario';

// Bundled and run with node by keychain.test.ts, inside test/daemons/secret-service.sh (or with no
// session bus at all). Prints one JSON report on its last line of stdout.
const mode = process.argv[2];
const report =
  mode === 'unlocked'
    ? await runUnlockedScenario(() => new KeychainCredentialStore(), rawKeytar())
    : await runUnavailableScenario(new KeychainCredentialStore());
process.stdout.write(`${JSON.stringify(report)}\n`);
