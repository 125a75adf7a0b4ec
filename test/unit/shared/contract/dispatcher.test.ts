import { describe, expect, it } from 'vitest';
import { ContractErrorCode, AppError } from '../../../../shared/errors';
import { realDispatcher } from '../../../support/testHandlers';
import { Dispatcher } from '../../../../shared/contract/dispatcher';
import { createAppHandlers } from '../../../../electron/services/app/appHandlers';

const context = () => ({ signal: new AbortController().signal, transport: 'memory' as const });

describe('Dispatcher', () => {
  it('answers app.info with the real version, platform and the transport that carried it', async () => {
    const { dispatcher, dataDir } = realDispatcher();
    const outcome = await dispatcher.dispatch('app.info', {}, context());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const info = outcome.result as Record<string, unknown>;
    const packageJson = (await import('../../../../package.json', { with: { type: 'json' } })).default;
    expect(info).toMatchObject({
      name: 'Slurm Desk',
      version: packageJson.version,
      platform: process.platform,
      nodeVersion: process.versions.node,
      electronVersion: null,
      dataDir,
      transport: 'memory',
    });
  });

  it('rejects an unknown method with unknown-method and names it', async () => {
    const { dispatcher } = realDispatcher();
    const outcome = await dispatcher.dispatch('app.shell', {}, context());
    expect(outcome).toEqual({
      ok: false,
      error: { name: 'ContractError', code: ContractErrorCode.unknownMethod, message: 'Unknown method "app.shell".' },
    });
  });

  it.each([
    ['a missing params object', undefined],
    ['an array', []],
    ['a string', 'x'],
    ['an unknown key (strict params)', { extra: 1 }],
  ])('rejects %s with a schema error naming the field', async (_label, params) => {
    const { dispatcher } = realDispatcher();
    const outcome = await dispatcher.dispatch('app.info', params, context());
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(ContractErrorCode.invalidParams);
    expect(outcome.error.message).toMatch(/^Invalid parameters for app\.info: /);
    expect(outcome.error.details?.length).toBeGreaterThan(0);
  });

  it('reports the path of a wrong field', async () => {
    const { dispatcher } = realDispatcher();
    const outcome = await dispatcher.dispatch('app.openExternal', { url: 42 }, context());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.details?.[0]?.path).toBe('url');
  });

  it('passes AppErrors through with their code and hides the text of unexpected errors', async () => {
    const internal: string[] = [];
    const { dispatcher } = realDispatcher(
      {
        'app.info': () => {
          throw new Error('ENOENT /home/alice/.secret-path');
        },
        'app.openExternal': () => {
          throw new AppError('link-refused', 'Only http and https links can be opened.');
        },
      },
      (method) => internal.push(method),
    );
    const hidden = await dispatcher.dispatch('app.info', {}, context());
    expect(hidden.ok).toBe(false);
    if (!hidden.ok) {
      expect(hidden.error.code).toBe(ContractErrorCode.internal);
      expect(hidden.error.message).not.toContain('secret-path');
    }
    expect(internal).toEqual(['app.info']);
    const passed = await dispatcher.dispatch('app.openExternal', { url: 'https://x.org' }, context());
    expect(passed).toEqual({
      ok: false,
      error: { name: 'AppError', code: 'link-refused', message: 'Only http and https links can be opened.' },
    });
  });

  it('refuses a reply with fields beyond its schema, so nothing extra reaches the renderer', async () => {
    const { dispatcher } = realDispatcher({ 'app.openExternal': () => ({ opened: true, password: 'hunter2' }) as { opened: boolean } });
    const outcome = await dispatcher.dispatch('app.openExternal', { url: 'https://x.org' }, context());
    expect(outcome).toEqual({ ok: false, error: expect.objectContaining({ code: ContractErrorCode.invalidResult }) });
  });

  it('refuses a link that is not http(s) before the opener runs, and opens a good one', async () => {
    const opened: string[] = [];
    const appHandlers = createAppHandlers({
      dataDir: '/tmp/x',
      electronVersion: null,
      openExternal: async (url: string) => (opened.push(url), true),
    });
    const dispatcher = new Dispatcher({ ...realDispatcher().services.handlers, ...appHandlers });
    const refused = await dispatcher.dispatch('app.openExternal', { url: 'file:///etc/passwd' }, context());
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'link-refused', message: expect.stringContaining('file:') });
    const accepted = await dispatcher.dispatch('app.openExternal', { url: 'https://slurm.schedmd.com/sbatch.html' }, context());
    expect(accepted).toEqual({ ok: true, result: { opened: true } });
    expect(opened).toEqual(['https://slurm.schedmd.com/sbatch.html']);
  });
});
