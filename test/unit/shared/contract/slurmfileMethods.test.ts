import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realDispatcher } from '../../../support/testHandlers';
import { project } from '../../electron/services/slurmfile/slurmfileFixtures';

const context = () => ({ signal: new AbortController().signal, transport: 'memory' as const });

const text = `[default.cluster]
backend = "embedded"

[default.templates.hello]
description = "Greets"
command = "echo hello"

[gpu.cluster]
backend = "local"

[gpu.templates.hello]
command = "echo hello on slurm"
resources = { time = "5" }
`;

describe('slurmfiles.* through the contract', () => {
  it('opens a project folder, trusts it by hash, lists it, gives a template as a job spec, and revokes it', async () => {
    const { dispatcher, services } = realDispatcher();
    const root = project({ Slurmfile: text });
    const file = join(root, 'Slurmfile');
    const call = async (method: string, params: unknown) => {
      const outcome = await dispatcher.dispatch(method, params, context());
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code}: ${outcome.error.message}`);
      return outcome.result as Record<string, unknown>;
    };

    const opened = await call('slurmfiles.open', { path: root, environment: 'gpu' });
    expect(opened).toMatchObject({
      file, environments: ['default', 'gpu'], chosen: 'gpu', trusted: false, problems: [], callbacks: [],
      cluster: { name: 'local', backend: 'local', host: null, user: null },
      // Templates merge key by key too: the description comes from the default environment.
      templates: [{ name: 'hello', description: 'Greets', kind: 'script', summary: 'echo hello on slurm' }],
    });
    const refused = await dispatcher.dispatch('slurmfiles.template', { file, environment: 'gpu', name: 'hello' }, context());
    expect(refused).toMatchObject({ ok: false, error: { code: 'slurmfile-untrusted' } });

    expect(await call('slurmfiles.trust', { file, sha256: opened.sha256 })).toMatchObject({ trusted: true });
    expect((await call('slurmfiles.trusted', {})).slurmfiles).toEqual([expect.objectContaining({ file, sha256: opened.sha256, targets: [] })]);
    expect((await call('slurmfiles.recent', {})).slurmfiles).toEqual([expect.objectContaining({ file })]);
    expect((await call('slurmfiles.template', { file, environment: 'gpu', name: 'hello' })).spec).toMatchObject({
      name: 'hello', cluster: 'local', task: { kind: 'script', body: 'echo hello on slurm' }, resources: { time: '5', extra: [] },
    });
    expect(await call('slurmfiles.revoke', { file })).toEqual({ revoked: true });
    expect((await call('slurmfiles.trusted', {})).slurmfiles).toEqual([]);
    await services.close();
  });

  it('refuses a malformed hash in params and reports a file without a Slurmfile', async () => {
    const { dispatcher, services } = realDispatcher();
    expect(await dispatcher.dispatch('slurmfiles.trust', { file: '/x', sha256: 'abc' }, context())).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const empty = project({ 'README.md': '' });
    expect(await dispatcher.dispatch('slurmfiles.open', { path: empty }, context())).toMatchObject({ ok: false, error: { code: 'slurmfile-not-found', message: expect.stringContaining('has no Slurmfile') } });
    await services.close();
  });
});
