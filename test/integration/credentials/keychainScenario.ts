import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { credentialAccounts } from '../../../electron/services/credentials/credentialAccounts';
import type { CredentialStore } from '../../../electron/services/credentials/credentialStore';
import type { KeytarApi } from '../../../electron/services/credentials/keychainCredentialStore';

/**
 * What keychain.test.ts checks, as a report the test asserts on: it runs in the vitest process
 * when that has a throwaway keyring, else in a node child under test/daemons/secret-service.sh
 * (keychainChild.ts), so the same steps and the same assertions cover both.
 */
export const scenarioSecrets = {
  password: 'correct horse battery staple',
  replacement: 'a second password',
  passphrase: `pässwörd 🔑 ${'x'.repeat(2000)}`,
  kbd: '123456',
} as const;

const OutcomeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.union([z.string(), z.null(), z.boolean(), z.array(z.string())]) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type Outcome = z.infer<typeof OutcomeSchema>;

async function outcome(run: () => Promise<string | null | boolean | string[] | void>): Promise<Outcome> {
  try {
    const value = await run();
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'not-an-AppError', message: error instanceof Error ? error.message : String(error) };
  }
}

export const UnlockedReportSchema = z.object({
  accounts: z.object({ password: z.string(), passphrase: z.string(), kbd: z.string() }),
  loadBeforeSave: OutcomeSchema,
  saves: z.array(OutcomeSchema),
  loaded: z.object({ password: OutcomeSchema, passphrase: OutcomeSchema, kbd: OutcomeSchema }),
  rawUnderServiceName: z.string().nullable(),
  loadedByAnotherInstance: OutcomeSchema,
  listed: OutcomeSchema,
  afterReplace: OutcomeSchema,
  removed: OutcomeSchema,
  removedAgain: OutcomeSchema,
  loadAfterRemove: OutcomeSchema,
  listAfterCleanup: OutcomeSchema,
  nulSecret: OutcomeSchema,
  status: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  ms: z.number(),
});
export type UnlockedReport = z.infer<typeof UnlockedReportSchema>;

export const UnavailableReportSchema = z.object({
  save: OutcomeSchema,
  load: OutcomeSchema,
  remove: OutcomeSchema,
  list: OutcomeSchema,
  status: z.object({ available: z.boolean(), reason: z.string().nullable() }),
});
export type UnavailableReport = z.infer<typeof UnavailableReportSchema>;

/** keytar itself, to see what the store wrote under which service name. */
export function rawKeytar(): KeytarApi {
  return createRequire(import.meta.url)('keytar') as KeytarApi;
}

/** Every operation against an unlocked keyring; accounts are unique per run and removed at the end. */
export async function runUnlockedScenario(makeStore: () => CredentialStore, keytar: KeytarApi): Promise<UnlockedReport> {
  const started = Date.now();
  const tag = randomBytes(4).toString('hex');
  const accounts = {
    password: credentialAccounts.password('sdtest', `scenario-${tag}.test`, 2222),
    passphrase: credentialAccounts.passphrase(`/tmp/slurmdesk-keychain-${tag}/id_ed25519`),
    kbd: credentialAccounts.keyboardInteractive('sdtest', `scenario-${tag}.test`, 2222, 'Verification code: '),
  };
  const store = makeStore();
  // Asked first: its probe entry must not show up in the listing below.
  const status = await store.status();
  const loadBeforeSave = await outcome(() => store.load(accounts.password));
  const saves = [
    await outcome(() => store.save(accounts.password, scenarioSecrets.password)),
    await outcome(() => store.save(accounts.passphrase, scenarioSecrets.passphrase)),
    await outcome(() => store.save(accounts.kbd, scenarioSecrets.kbd)),
  ];
  const loaded = {
    password: await outcome(() => store.load(accounts.password)),
    passphrase: await outcome(() => store.load(accounts.passphrase)),
    kbd: await outcome(() => store.load(accounts.kbd)),
  };
  // Spelled out, not imported: the service name is a contract with secrets already saved by users.
  const rawUnderServiceName = await keytar.getPassword('slurmdesk', accounts.password);
  const loadedByAnotherInstance = await outcome(() => makeStore().load(accounts.passphrase));
  const listed = await outcome(() => store.list());
  await store.save(accounts.password, scenarioSecrets.replacement);
  const afterReplace = await outcome(() => store.load(accounts.password));
  const removed = await outcome(() => store.remove(accounts.password));
  const removedAgain = await outcome(() => store.remove(accounts.password));
  const loadAfterRemove = await outcome(() => store.load(accounts.password));
  await store.remove(accounts.passphrase);
  await store.remove(accounts.kbd);
  const listAfterCleanup = await outcome(() => store.list());
  const nulSecret = await outcome(() => store.save(accounts.password, 'before\0after'));
  return {
    accounts, loadBeforeSave, saves, loaded, rawUnderServiceName, loadedByAnotherInstance, listed, afterReplace,
    removed, removedAgain, loadAfterRemove, listAfterCleanup, nulSecret, status, ms: Date.now() - started,
  };
}

/** Each operation once, where the keychain cannot serve them (no bus, or a locked keyring). */
export async function runUnavailableScenario(store: CredentialStore): Promise<UnavailableReport> {
  const account = credentialAccounts.password('sdtest', 'unavailable.test', 22);
  return {
    save: await outcome(() => store.save(account, scenarioSecrets.password)),
    load: await outcome(() => store.load(account)),
    remove: await outcome(() => store.remove(account)),
    list: await outcome(() => store.list()),
    status: await store.status(),
  };
}
