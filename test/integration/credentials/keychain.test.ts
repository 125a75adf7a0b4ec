import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainCredentialStore } from '../../../electron/services/credentials/keychainCredentialStore';
import {
  bundleNodeScript,
  describeWithSecretService,
  insideThrowawayKeyring,
  lastJsonLine,
  runNodeScript,
  type Keyring,
} from '../support/secretService';
import {
  rawKeytar,
  runUnlockedScenario,
  scenarioSecrets,
  UnavailableReportSchema,
  UnlockedReportSchema,
  type Outcome,
  type UnavailableReport,
  type UnlockedReport,
} from './keychainScenario';

// The keychain store through the real keytar against a real gnome-keyring. vitest has no session
// bus, so the scenario runs in a node child inside test/daemons/secret-service.sh; started inside
// that script itself, the unlocked scenario runs in this process instead.
describeWithSecretService('KeychainCredentialStore on a real Secret Service (gnome-keyring via keytar)', () => {
  let bundle: { file: string; dispose: () => void };

  beforeAll(async () => {
    bundle = await bundleNodeScript(join(import.meta.dirname, 'keychainChild.ts'));
  });

  afterAll(() => bundle?.dispose());

  async function runChild(mode: 'unlocked' | 'unavailable', keyring: Keyring): Promise<unknown> {
    const run = await runNodeScript(bundle.file, [mode], keyring);
    console.info(`keychain scenario (${keyring}) ran in a child in ${run.ms} ms, exit ${run.code ?? run.signal}`);
    return lastJsonLine(run);
  }

  const ok = (value: string | null | boolean | string[]): Outcome => ({ ok: true, value });

  describe('with an unlocked keyring', () => {
    let report: UnlockedReport;

    beforeAll(async () => {
      if (insideThrowawayKeyring()) {
        report = await runUnlockedScenario(() => new KeychainCredentialStore(), rawKeytar());
        console.info(`keychain scenario ran in this process in ${report.ms} ms`);
      } else {
        report = UnlockedReportSchema.parse(await runChild('unlocked', 'unlocked'));
      }
    });

    it('loads null before anything is saved, then exactly what was saved (Unicode, 2 KB)', () => {
      expect(report.status).toEqual({ available: true, reason: null });
      expect(report.loadBeforeSave).toEqual(ok(null));
      expect(report.saves).toEqual([ok(null), ok(null), ok(null)]);
      expect(report.loaded).toEqual({ password: ok(scenarioSecrets.password), passphrase: ok(scenarioSecrets.passphrase), kbd: ok(scenarioSecrets.kbd) });
    });

    it('stores under the service name slurmdesk and the account name as given', () => {
      expect(report.rawUnderServiceName).toBe(scenarioSecrets.password);
    });

    it('finds the secret from another store instance (it lives in the keyring, not in memory)', () => {
      expect(report.loadedByAnotherInstance).toEqual(ok(scenarioSecrets.passphrase));
    });

    it('lists the account names, never a secret', () => {
      const { accounts } = report;
      expect(report.listed.ok).toBe(true);
      const listed = report.listed.ok ? (report.listed.value as string[]) : [];
      expect(listed).toEqual(expect.arrayContaining([accounts.password, accounts.passphrase, accounts.kbd]));
      for (const secret of Object.values(scenarioSecrets)) expect(listed.join('\n')).not.toContain(secret);
    });

    it('replaces on a second save and removes: true, then false, then nothing to load or list', () => {
      expect(report.afterReplace).toEqual(ok(scenarioSecrets.replacement));
      expect(report.removed).toEqual(ok(true));
      expect(report.removedAgain).toEqual(ok(false));
      expect(report.loadAfterRemove).toEqual(ok(null));
      const left = report.listAfterCleanup.ok ? (report.listAfterCleanup.value as string[]) : ['list failed'];
      expect(left.filter((account) => Object.values(report.accounts).includes(account))).toEqual([]);
    });

    it('refuses a secret with a NUL character instead of storing it cut short', () => {
      expect(report.nulSecret).toMatchObject({ ok: false, code: 'invalid-credential-secret' });
    });
  });

  describe('with the keyring locked', () => {
    let report: UnavailableReport;

    beforeAll(async () => {
      report = UnavailableReportSchema.parse(await runChild('unavailable', 'locked'));
    });

    it('refuses to save with keychain-unavailable, saying to unlock the keyring', () => {
      expect(report.save).toMatchObject({ ok: false, code: 'keychain-unavailable' });
      expect(report.save.ok === false && report.save.message).toMatch(/keyring is locked.*unlock your keyring.*collection\/login/);
      expect(report.save.ok === false && report.save.message).not.toContain(scenarioSecrets.password);
    });

    it('says the keychain cannot save, although reads succeed, and why', () => {
      expect(report.status).toEqual({ available: false, reason: expect.stringMatching(/^the keyring is locked/) });
    });

    it('reads as empty: libsecret answers "nothing stored" for a locked keyring, not an error', () => {
      expect(report.load).toEqual(ok(null));
      expect(report.remove).toEqual(ok(false));
      expect(report.list).toEqual(ok([]));
    });
  });

  describe('without a session bus', () => {
    let report: UnavailableReport;

    beforeAll(async () => {
      report = UnavailableReportSchema.parse(await runChild('unavailable', 'no-session-bus'));
    });

    it('says the keychain cannot save, and that the session bus is missing', () => {
      expect(report.status).toEqual({ available: false, reason: expect.stringMatching(/^there is no Secret Service \(D-Bus\) session/) });
    });

    it('fails every call with keychain-unavailable that says what is missing', () => {
      for (const result of [report.save, report.load, report.remove, report.list]) {
        expect(result).toMatchObject({ ok: false, code: 'keychain-unavailable' });
        const message = result.ok ? '' : result.message;
        expect(message).toContain('no Secret Service (D-Bus) session; unlock your keyring or run inside a desktop session');
        expect(message).toMatch(/\(keytar: .+\)$/);
        expect(message).not.toContain(scenarioSecrets.password);
      }
    });
  });
});
