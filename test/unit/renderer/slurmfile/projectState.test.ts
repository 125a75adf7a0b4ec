import { beforeEach, describe, expect, it } from 'vitest';
import type { SlurmfileView } from '../../../../shared/contract/slurmfileMethods';
import { describeTrust, shortPlace, submitRouteOf, trustStateOf } from '../../../../renderer/slurmfile/projectState';
import { useSlurmfileStore } from '../../../../renderer/slurmfile/slurmfileStore';

const base: SlurmfileView = {
  file: '/home/ada/project/Slurmfile',
  sha256: 'a'.repeat(64),
  environments: ['default', 'gpu'],
  chosen: 'default',
  cluster: { name: 'embedded', backend: 'embedded', host: null, user: null },
  templates: [{ name: 'hello', description: null, kind: 'script', summary: 'jobs/hello.sh' }],
  callbacks: [{ target: './hooks.mjs:Recorder', runs: true }],
  trusted: false,
  ignored: [],
  problems: [],
};

const view = (change: Partial<SlurmfileView>): SlurmfileView => ({ ...base, ...change });
const error = { severity: 'error' as const, where: '/home/ada/project/Slurmfile:4:1', line: 4, column: 1, message: 'a Slurmfile never holds a secret' };

describe('the trust state of an open Slurmfile', () => {
  it('is invalid with any error or without a chosen environment, whatever the trust store says', () => {
    expect(trustStateOf(view({ trusted: true, problems: [error] }))).toBe('invalid');
    expect(trustStateOf(view({ chosen: null }))).toBe('invalid');
    expect(trustStateOf(view({ problems: [{ ...error, severity: 'warning' }] }))).toBe('untrusted');
    expect(trustStateOf(view({ trusted: true }))).toBe('trusted');
  });

  it('says in words that an untrusted file offers no template and runs no callback', () => {
    expect(describeTrust(view({}))).toMatch(/no template is offered and no callback runs/);
    expect(describeTrust(view({ problems: [error] }))).toMatch(/cannot be trusted/);
  });

  it('counts the callbacks that run once trusted, and leaves out the listed-only Python ones', () => {
    expect(describeTrust(view({ trusted: true }))).toMatch(/its callback hears/);
    const two = [{ target: './a.mjs:A', runs: true }, { target: './b.mjs:B', runs: true }, { target: 'pkg.mod:C', runs: false }];
    expect(describeTrust(view({ trusted: true, callbacks: two }))).toMatch(/its 2 callbacks hear/);
    expect(describeTrust(view({ trusted: true, callbacks: [{ target: 'pkg.mod:C', runs: false }] }))).not.toMatch(/callback/);
    expect(describeTrust(view({ trusted: true, templates: [] }))).toMatch(/this environment has no templates/);
  });
});

describe('where Submit sends a job', () => {
  it('goes through the Slurmfile only when it is open, valid and trusted', () => {
    expect(submitRouteOf(null, null)).toEqual({ via: 'jobs' });
    expect(submitRouteOf(view({}), 'hello')).toEqual({ via: 'jobs' });
    expect(submitRouteOf(view({ trusted: true, problems: [error] }), 'hello')).toEqual({ via: 'jobs' });
    expect(submitRouteOf(view({ trusted: true, chosen: 'gpu' }), 'hello')).toEqual({ via: 'slurmfile', file: base.file, environment: 'gpu', template: 'hello' });
  });

  it('names a template only if the environment still has it', () => {
    expect(submitRouteOf(view({ trusted: true }), 'gone')).toMatchObject({ via: 'slurmfile', template: null });
    expect(submitRouteOf(view({ trusted: true }), null)).toMatchObject({ via: 'slurmfile', template: null });
  });
});

describe('the project store', () => {
  beforeEach(() => useSlurmfileStore.getState().close());

  it('keeps the chosen template across a fresh read of the same trusted environment only', () => {
    const store = useSlurmfileStore.getState;
    store().showView(view({ trusted: true }));
    store().chooseTemplate('hello');
    store().showView(view({ trusted: true }));
    expect(store().template).toBe('hello');
    store().showView(view({ trusted: true, chosen: 'gpu' }));
    expect(store().template).toBeNull();
    store().chooseTemplate('hello');
    store().showView(view({ trusted: false, chosen: 'gpu', sha256: 'b'.repeat(64) }));
    expect(store().template).toBeNull();
  });

  it('remembers that the file changed until the next ordinary read, and forgets everything on close', () => {
    const store = useSlurmfileStore.getState;
    store().showView(view({}), { changed: true });
    expect(store().changed).toBe(true);
    store().showView(view({}));
    expect(store().changed).toBe(false);
    store().fail('gone');
    store().close();
    expect(store()).toMatchObject({ view: null, error: null, changed: false, template: null });
  });
});

describe('recent projects', () => {
  it('are named by their last two path parts', () => {
    expect(shortPlace('/home/ada/project/Slurmfile')).toBe('project/Slurmfile');
    expect(shortPlace('C:\\work\\proj\\pyproject.toml')).toBe('proj/pyproject.toml');
    expect(shortPlace('/Slurmfile')).toBe('Slurmfile');
  });
});
