import { describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../../../../shared/settings/appSettings';
import { realDispatcher } from '../../../../support/testHandlers';

const context = () => ({ signal: new AbortController().signal, transport: 'memory' as const });

async function call(dispatcher: ReturnType<typeof realDispatcher>['dispatcher'], method: string, params: unknown) {
  return dispatcher.dispatch(method, params, context());
}

describe('settings.get and settings.set', () => {
  it('starts from the defaults, including ask for unknown host keys and notifications on', async () => {
    const { dispatcher } = realDispatcher();
    expect(await call(dispatcher, 'settings.get', {})).toEqual({ ok: true, result: defaultAppSettings });
    expect(defaultAppSettings).toMatchObject({ defaultHostKeyPolicy: 'ask', notifyOnJobEnd: true });
  });

  it('saves a valid patch, keeps the other settings, and tells every window', async () => {
    const { dispatcher, hub } = realDispatcher();
    const heard: unknown[] = [];
    hub.subscribe((name, payload) => name === 'settings.changed' && heard.push(payload));
    const outcome = await call(dispatcher, 'settings.set', { jobBaseDir: '/scratch/alice/jobs', defaultHostKeyPolicy: 'reject', notifyOnJobEnd: false });
    const expected = { ...defaultAppSettings, jobBaseDir: '/scratch/alice/jobs', defaultHostKeyPolicy: 'reject', notifyOnJobEnd: false };
    expect(outcome).toEqual({ ok: true, result: expected });
    expect(await call(dispatcher, 'settings.get', {})).toEqual({ ok: true, result: expected });
    expect(heard).toEqual([expected]);
  });

  it.each([
    ['a relative job folder', { jobBaseDir: 'jobs' }, 'jobBaseDir', /starts with \/ or ~\//],
    ['a job folder that steps up', { jobBaseDir: '~/jobs/../../etc' }, 'jobBaseDir', /\.\./],
    ['a world-writable folder mode', { folderMode: 0o777 }, 'folderMode', /Only the owner may write/],
    ['a folder the owner cannot enter', { folderMode: 0o600 }, 'folderMode', /owner needs/],
    ['a script the owner cannot run', { scriptMode: 0o640 }, 'scriptMode', /owner needs/],
    ['a mode beyond 777', { scriptMode: 0o1750 }, 'scriptMode', /at most 777/],
    ['an unknown policy', { defaultHostKeyPolicy: 'never' }, 'defaultHostKeyPolicy', /.+/],
    ['notifications as text', { notifyOnJobEnd: 'yes' }, 'notifyOnJobEnd', /.+/],
    ['an unknown setting', { theme: 'dark' }, '', /theme/],
  ])('refuses %s with a per-field detail and saves nothing', async (_name, patch, field, message) => {
    const { dispatcher } = realDispatcher();
    // A valid change in the same patch must not be saved either.
    const outcome = await call(dispatcher, 'settings.set', { notifyOnJobEnd: false, ...patch });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const detail = outcome.error.details?.find((item) => (field === '' ? true : item.path === field));
    expect(detail, JSON.stringify(outcome.error)).toBeDefined();
    expect(detail!.message).toMatch(message);
    expect(await call(dispatcher, 'settings.get', {})).toEqual({ ok: true, result: defaultAppSettings });
  });

  it('names every bad field when several are wrong', async () => {
    const { dispatcher } = realDispatcher();
    const outcome = await call(dispatcher, 'settings.set', { jobBaseDir: 'x', folderMode: 0o707 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.details?.map((detail) => detail.path).sort()).toEqual(['folderMode', 'jobBaseDir']);
  });

  it('refuses bad values written by the store directly (the CLI path) with AppError details', () => {
    const { services } = realDispatcher();
    expect(() => services.settings.write({ folderMode: 0o722 })).toThrow(expect.objectContaining({ code: 'invalid-settings', details: [expect.objectContaining({ path: 'folderMode' })] }));
    expect(services.settings.read()).toEqual(defaultAppSettings);
  });
});
