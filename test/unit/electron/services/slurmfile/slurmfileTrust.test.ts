import { mkdtempSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../../electron/services/audit/auditLog';
import { cliBundlePath } from '../../../../../electron/services/backends/clusterBackends';
import type { ClusterFiles } from '../../../../../electron/services/backends/types';
import { silentLogger } from '../../../../../electron/services/log';
import { SlurmfileService } from '../../../../../electron/services/slurmfile/slurmfileService';
import { project } from './slurmfileFixtures';

const slurmfile = `[default.templates.hello]
command = "echo hello"

[[default.callbacks]]
target = "./hooks.mjs:Hook"
`;

function open() {
  const root = project({ Slurmfile: slurmfile, 'hooks.mjs': 'export class Hook {}\n' });
  const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-slurmfile-data-'));
  const audit: AuditEvent[] = [];
  const service = new SlurmfileService({
    dataDir,
    audit: { record: (entry) => audit.push(entry) },
    log: silentLogger,
    files: () => ({}) as ClusterFiles,
    submit: () => Promise.reject(new Error('not in this test')),
    callbackModule: cliBundlePath(),
  });
  return { root, file: join(root, 'Slurmfile'), dataDir, audit, service };
}

describe('trusting a Slurmfile', () => {
  it('shows path, SHA-256 and callback targets, and loads templates only once that content is trusted', () => {
    const { file, service, audit, dataDir } = open();
    const view = service.open(file);
    expect(view).toMatchObject({ file, trusted: false, environments: ['default'], chosen: 'default', callbacks: [{ target: './hooks.mjs:Hook', runs: true }] });
    expect(view.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => service.template(file, 'default', 'hello')).toThrow(expect.objectContaining({ code: 'slurmfile-untrusted', message: expect.stringContaining(view.sha256) }));

    expect(service.trust(file, view.sha256).trusted).toBe(true);
    expect(service.template(file, 'default', 'hello')).toMatchObject({ name: 'hello', task: { kind: 'script', body: 'echo hello' } });
    expect(audit).toEqual([{ event: 'slurmfile-trust', file, sha256: view.sha256, targets: ['./hooks.mjs:Hook'], scope: 'saved' }]);
    expect(statSync(join(dataDir, 'slurmfiles', 'trusted.json')).mode & 0o777).toBe(0o600);
    expect(service.store.list()).toEqual([expect.objectContaining({ file, sha256: view.sha256, targets: ['./hooks.mjs:Hook'] })]);
  });

  it('refuses an edited trusted file until it is trusted again', () => {
    const { file, service } = open();
    const first = service.open(file);
    service.trust(file, first.sha256);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# one more line\n`);
    const edited = service.open(file);
    expect(edited.trusted).toBe(false);
    expect(edited.sha256).not.toBe(first.sha256);
    expect(() => service.template(file, 'default', 'hello')).toThrow(expect.objectContaining({ code: 'slurmfile-untrusted' }));
    // The old hash does not trust the new content.
    expect(() => service.trust(file, first.sha256)).toThrow(expect.objectContaining({ code: 'slurmfile-changed' }));
    service.trust(file, edited.sha256);
    expect(service.template(file, 'default', 'hello').name).toBe('hello');
  });

  it('pins the callback modules with the file: a module changed after trust is refused until trusted again', () => {
    const { file, root, service } = open();
    const { sha256 } = service.open(file);
    service.trust(file, sha256);
    const hex = expect.stringMatching(/^[0-9a-f]{64}$/);
    // The module, the bundle of it and all it imports (the only code that will run), and the files that bundle came from.
    expect(service.store.list()[0]!.callbackModules).toEqual([{ path: join(root, 'hooks.mjs'), sha256: hex, bundleSha256: hex, files: [{ path: join(root, 'hooks.mjs'), sha256: hex }] }]);
    writeFileSync(join(root, 'hooks.mjs'), 'export class Hook { constructor() { console.log("changed"); } }\n');
    const view = service.open(file);
    expect(view).toMatchObject({ sha256, trusted: false });
    expect(() => service.template(file, 'default', 'hello')).toThrow(
      expect.objectContaining({ code: 'slurmfile-untrusted', message: expect.stringMatching(new RegExp(`the callback module ${join(root, 'hooks.mjs')} changed \\(SHA-256 now [0-9a-f]{64}\\).*trust the Slurmfile again with: slurmdesk slurmfile trust ${sha256}`)) }),
    );
    // The same Slurmfile hash, trusted again, takes the module as it is now.
    service.trust(file, sha256);
    expect(service.open(file).trusted).toBe(true);
    // A link swapped to another file is a change of bytes like any other.
    writeFileSync(join(root, 'other.mjs'), 'export class Hook {}\n// another file\n');
    unlinkSync(join(root, 'hooks.mjs'));
    symlinkSync(join(root, 'other.mjs'), join(root, 'hooks.mjs'));
    expect(service.open(file).trusted).toBe(false);
  });

  it('treats a trust entry written before modules were pinned as not covering its callbacks', () => {
    const { file, service, dataDir } = open();
    const { sha256 } = service.open(file);
    writeFileSync(join(dataDir, 'slurmfiles', 'trusted.json'), JSON.stringify([{ file, sha256, targets: ['./hooks.mjs:Hook'], trustedAt: new Date(0).toISOString() }]));
    expect(service.open(file).trusted).toBe(false);
    expect(() => service.template(file, 'default', 'hello')).toThrow(expect.objectContaining({ code: 'slurmfile-untrusted', message: expect.stringContaining('was not trusted with it') }));
  });

  it('lets --trust trust one run only when it names the current hash', () => {
    const { file, service, audit } = open();
    const { sha256 } = service.open(file);
    expect(() => service.trustForRun(file, '0'.repeat(64))).toThrow(expect.objectContaining({ code: 'slurmfile-changed' }));
    service.trustForRun(file, sha256);
    expect(service.template(file, 'default', 'hello').name).toBe('hello');
    expect(service.store.list()).toEqual([]);
    expect(audit).toEqual([expect.objectContaining({ event: 'slurmfile-trust', scope: 'this run', sha256 })]);
  });

  it('revokes, with an audit entry, and remembers recently opened files', () => {
    const { file, service, audit } = open();
    const { sha256 } = service.open(file);
    service.trust(file, sha256);
    expect(service.revoke(file)).toBe(true);
    expect(service.revoke(file)).toBe(false);
    expect(service.open(file).trusted).toBe(false);
    expect(audit.at(-1)).toEqual({ event: 'slurmfile-revoke', file, sha256 });
    expect(service.store.recent().map((entry) => entry.file)).toEqual([file]);
  });

  it('will not trust a file with a password in it', () => {
    const { file, service } = open();
    writeFileSync(file, '[default.cluster]\nbackend = "ssh"\nhost = "h.example.org"\npassword = "x"\n');
    const view = service.open(file);
    expect(view.problems).toEqual([expect.objectContaining({ severity: 'error', where: `${file}:4:1`, message: expect.stringContaining('keychain') })]);
    expect(() => service.trust(file, view.sha256)).toThrow(expect.objectContaining({ code: 'slurmfile-invalid', message: expect.stringContaining(`${file}:4:1`) }));
  });

  it('reports a callback target whose file does not exist at its place in the Slurmfile', () => {
    const { file, service } = open();
    writeFileSync(file, '[default]\ncallbacks = [\n  "./missing.mjs:Hook",\n]\n');
    const view = service.open(file);
    expect(view.problems).toEqual([expect.objectContaining({ severity: 'error', where: `${file}:2:1`, message: expect.stringContaining('missing.mjs does not exist') })]);
  });
});

describe('the SSH settings of a Slurmfile environment', () => {
  it('become a cluster profile for its jobs only once the file is trusted, from either layout, and a missing host is placed in the file', async () => {
    const { file, service } = open();
    writeFileSync(file, `[default.cluster]
backend = "ssh"
name = "lab"
jump = ["ada@gate.example.org:2200"]
host_key_policy = "reject"

[default.cluster.backend_config]
hostname = "login.example.org"
username = "ada"
port = 2222
key_filename = "/keys/id_ed25519"
allow_agent = false
`);
    expect(service.submitDefaults(file, 'default')).toMatchObject({ trusted: false, cluster: null, ignored: [expect.stringContaining('cluster lab (ssh, login.example.org)')] });
    // Untrusted, the file may not point the app at a server or set how its host key is checked.
    expect(service.profile('lab')).toBeNull();
    const spec = { name: 'x', cluster: 'lab', task: { kind: 'script' as const, body: 'true' } };
    await expect(service.submit({ file, environment: 'default', spec })).rejects.toMatchObject({ code: 'slurmfile-untrusted' });
    expect(service.profile('lab')).toBeNull();
    service.trust(file, service.open(file).sha256);
    await expect(service.submit({ file, environment: 'default', spec })).rejects.toThrow('not in this test');
    expect(service.profile('lab')).toEqual({
      name: 'lab', host: 'login.example.org', port: 2222, user: 'ada', hostKeyPolicy: 'reject',
      auth: { agent: false, keyFiles: ['/keys/id_ed25519'], password: true, keyboardInteractive: true },
      jump: [{ host: 'gate.example.org', port: 2200, user: 'ada', auth: { agent: true, keyFiles: [], password: true, keyboardInteractive: true } }],
      defaults: {},
    });
    writeFileSync(file, '[submit]\ntime = "5"\n\n[nohost.cluster]\nbackend = "ssh"\n');
    expect(service.open(file, 'nohost').problems).toEqual([expect.objectContaining({ where: `${file}:4:2`, message: expect.stringContaining('an ssh cluster needs host') })]);
  });
});

describe('templates that cannot become a job', () => {
  it('are refused with their place in the Slurmfile', () => {
    const { file, service, root } = open();
    writeFileSync(join(root, 'empty.sh'), '');
    writeFileSync(file, '[default.templates.empty]\nscript = "empty.sh"\n\n[default.templates.missing]\nscript = "nope.sh"\n\n[default.templates.badarray]\ncommand = "true"\narray = "5-1"\n');
    expect(service.open(file).problems).toEqual([expect.objectContaining({ where: `${file}:9:1`, message: expect.stringContaining('default.templates.badarray.array') })]);
    writeFileSync(file, '[default.templates.empty]\nscript = "empty.sh"\n\n[default.templates.missing]\nscript = "nope.sh"\n');
    service.trust(file, service.open(file).sha256);
    expect(() => service.template(file, 'default', 'empty')).toThrow(`${file}:1:2: template empty: task.body: The script is empty`);
    expect(() => service.template(file, 'default', 'missing')).toThrow(new RegExp(`^${file}:5:1: the script .*nope.sh cannot be read`));
    expect(() => service.template(file, 'default', 'other')).toThrow('has no template "other"; it has empty, missing');
  });
});
