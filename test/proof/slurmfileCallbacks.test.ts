import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppUnderAttack, type AppUnderAttack } from './support/appProcess';
import { openContractSocket, type CallOutcome, type ContractSocket } from './support/contractSocket';
import { seededRandom, type Random } from './support/hostileValues';
import { proofCount, recordCheck } from './support/proofRecorder';

/**
 * A Slurmfile runs code on this computer through its callbacks (JavaScript modules) and, once
 * submitted, its templates. Every hostile variant below would append a line to a canary log if
 * any of its code ran: never trusted; trusted and then changed (one byte, whitespace, appended
 * code, the callback module beside it, a module it imports, a package of the project's
 * node_modules it imports, a swapped symlink, a file replaced between open and
 * submit or while submissions run); revoked; trust reused for a copy elsewhere; a trust record
 * forged by hand. Each is driven through the real app's contract (open, template, submit) on the
 * built-in cluster. A trusted, unmodified Slurmfile, before and after, shows the canary works.
 */
const quickAttempts = proofCount(200, 30);
const jobRunAttempts = proofCount(6, 2);
const raceSubmits = proofCount(40, 16);

const quickKinds = [
  'never-trusted', 'one-byte-changed', 'whitespace-changed', 'code-appended', 'callback-module-changed', 'callback-module-symlink-swapped',
  'slurmfile-symlink-swapped', 'replaced-between-open-and-submit', 'revoked', 'trust-reused-for-copy', 'forged-trust-record', 'changed-before-trust',
  'callback-import-changed', 'callback-package-swapped',
] as const;
type Kind = (typeof quickKinds)[number];

type Layout = { file: 'Slurmfile' | 'slurmfile.toml' | 'pyproject.toml'; placement: 'default' | 'environments.hpc' | 'root'; callback: 'inline' | 'table'; exported: 'Hook' | 'hook' };
const environmentOf = (layout: Layout) => (layout.placement === 'environments.hpc' ? 'hpc' : 'default');

let app: AppUnderAttack;
let api: ContractSocket;
let home: string;
let canaryLog: string;
const benignSpec = (name: string) => ({ name, cluster: 'embedded', task: { kind: 'script', body: 'true' } });

function randomLayout(random: Random): Layout {
  return {
    file: random.pick(['Slurmfile', 'slurmfile.toml', 'pyproject.toml'] as const),
    placement: random.pick(['default', 'environments.hpc', 'root'] as const),
    callback: random.pick(['inline', 'table'] as const),
    exported: random.pick(['Hook', 'hook'] as const),
  };
}

/** The Slurmfile: a callback, a template whose command writes to the canary, on the built-in cluster. */
function slurmfileText(layout: Layout, who: 'trusted' | 'hostile', tag: string, module = './hooks.mjs'): string {
  const base = layout.file === 'pyproject.toml' ? ['tool', 'slurm'] : [];
  const owner = [...base, ...(layout.placement === 'root' ? [] : layout.placement.split('.'))];
  const table = (...keys: string[]) => `[${[...owner, ...keys].join('.')}]`;
  const target = `${module}:${layout.exported}`;
  const lines = layout.file === 'pyproject.toml' ? ['[project]', 'name = "demo"', ''] : [];
  lines.push(`# The Slurmfile of project ${tag}: a comment a person may edit`);
  if (layout.callback === 'inline') {
    if (owner.length > 0) lines.push(`[${owner.join('.')}]`);
    lines.push(`callbacks = [${JSON.stringify(target)}]`, '');
  }
  lines.push(table('cluster'), 'backend = "embedded"', '');
  lines.push(table('templates', 'run'), `command = ${JSON.stringify(`echo ${who}:${tag}:template >> '${canaryLog}'`)}`, '');
  if (layout.callback === 'table') lines.push(`[[${[...owner, 'callbacks'].join('.')}]]`, `target = ${JSON.stringify(target)}`, `args = [${JSON.stringify(tag)}]`, 'timeout_ms = 5000', '');
  return lines.join('\n');
}

/**
 * A callback module that notes its import, construction and every event in the canary log. With
 * `exitAfterEvent` it ends its process after each event, so the app starts (and imports) it again.
 */
function moduleText(who: 'trusted' | 'hostile', tag: string, exitAfterEvent = false): string {
  return `import { appendFileSync } from 'node:fs';
const note = (what) => appendFileSync(${JSON.stringify(canaryLog)}, ${JSON.stringify(`${who}:${tag}:`)} + what + '\\n');
note('import');
const after = () => { ${exitAfterEvent ? 'process.exit(0);' : ''} };
export class Hook { constructor() { note('construct'); } onEvent(event) { note(event.event); after(); } }
export function hook(event) { note(event.event); after(); }
`;
}

/** A project folder (realpath: the app names files with symlinks resolved). */
function projectFolder(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'slurmdesk-proof-slurmfile-')));
}

function writeProject(folder: string, layout: Layout, who: 'trusted' | 'hostile', tag: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, layout.file), slurmfileText(layout, who, tag));
  writeFileSync(join(folder, 'hooks.mjs'), moduleText(who, tag));
  writeFileSync(join(folder, 'evil.mjs'), moduleText('hostile', tag));
  return join(folder, layout.file);
}

/** Replaces a file's content in one step (a rename), as an editor or `git checkout` does. */
function replaceFile(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.swap`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function swapSymlink(link: string, target: string): void {
  const temporary = `${link}.${process.pid}.swap`;
  symlinkSync(target, temporary);
  renameSync(temporary, link);
}

function canaryLines(): string[] {
  return existsSync(canaryLog) ? readFileSync(canaryLog, 'utf8').split('\n').filter(Boolean) : [];
}

type View = { file: string; sha256: string; trusted: boolean; callbacks: { target: string; runs: boolean }[] };

async function mustOpen(path: string, environment: string): Promise<View> {
  const opened = await api.call<View>('slurmfiles.open', { path, environment });
  if (!opened.ok) throw new Error(`open ${path}: ${JSON.stringify(opened.error)}`);
  return opened.result!;
}

async function mustTrust(path: string, environment: string): Promise<View> {
  const { file, sha256 } = await mustOpen(path, environment);
  const trusted = await api.call<View>('slurmfiles.trust', { file, sha256 });
  if (!trusted.ok || !trusted.result!.trusted) throw new Error(`trust ${file}: ${JSON.stringify(trusted.error)}`);
  return trusted.result!;
}

async function waitForEnd(id: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = (await api.call<{ state: string }>('jobs.get', { id })).result?.state ?? '';
    if (['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'LOST', 'SUBMIT_FAILED'].includes(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return 'still running';
}

async function waitForCanary(lines: readonly string[], timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const seen = new Set(canaryLines());
    if (lines.every((line) => seen.has(line))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** The kinds of refusal that tell a person what happened and what to do. */
function clearRefusal(outcome: CallOutcome<unknown>, file: string): string | null {
  if (outcome.ok) return 'accepted';
  const { code, message } = outcome.error!;
  const names = message.includes(file);
  if (code === 'slurmfile-untrusted' && names && /trust (it|the Slurmfile) again with: slurmdesk slurmfile trust [0-9a-f]{64}|trust it with: slurmdesk slurmfile trust [0-9a-f]{64}/.test(message)) return null;
  if (code === 'slurmfile-changed' && names && /look at it again before trusting it/.test(message)) return null;
  // A change that broke the file is refused for what is wrong, at its place in the file.
  if (code === 'slurmfile-invalid' && message.includes(`${file}:`)) return null;
  return `${code}: ${message.slice(0, 300)}`;
}

/** A genuinely trusted, unmodified Slurmfile: its callback hears the submission and its template runs. */
async function positiveControl(label: string, random: Random): Promise<{ callbackRan: boolean; templateRan: boolean; state: string }> {
  const layout = randomLayout(random);
  const tag = `control-${label}`;
  const path = writeProject(projectFolder(), layout, 'trusted', tag);
  const environment = environmentOf(layout);
  await mustTrust(path, environment);
  const template = await api.call<{ spec: unknown }>('slurmfiles.template', { file: path, environment, name: 'run' });
  expect(template.ok, JSON.stringify(template.error)).toBe(true);
  const submitted = await api.call<{ id: string }>('slurmfiles.submit', { file: path, environment, template: 'run', spec: template.result!.spec });
  expect(submitted.ok, JSON.stringify(submitted.error)).toBe(true);
  const state = await waitForEnd(submitted.result!.id);
  const callbackRan = await waitForCanary([`trusted:${tag}:import`, `trusted:${tag}:submitBegin`, `trusted:${tag}:submitEnd`]);
  const templateRan = await waitForCanary([`trusted:${tag}:template`], 5_000);
  return { callbackRan, templateRan, state };
}

type Attempt = { kind: Kind; tag: string; path: string; environment: string; steps: number; refused: number; unclear: string[]; trustedShown: number; acceptedWithoutCallbacks: number };

/** Builds one hostile variant, then tries to use it every way the contract allows. */
async function attack(kind: Kind, index: number, random: Random): Promise<Attempt> {
  const layout = randomLayout(random);
  const environment = environmentOf(layout);
  const tag = `${kind}-${index}`;
  const folder = projectFolder();
  let path = writeProject(folder, layout, 'trusted', tag);
  const hostile = slurmfileText(layout, 'hostile', tag);
  const attempt: Attempt = { kind, tag, path, environment, steps: 0, refused: 0, unclear: [], trustedShown: 0, acceptedWithoutCallbacks: 0 };
  let templateSpec: unknown = benignSpec(`probe-${index}`);

  switch (kind) {
    case 'never-trusted':
      writeProject(folder, layout, 'hostile', tag);
      break;
    case 'one-byte-changed': {
      await mustTrust(path, environment);
      const bytes = readFileSync(path);
      const letters = [...bytes.keys()].filter((at) => /[A-Za-z]/.test(String.fromCharCode(bytes[at]!)));
      const at = random.pick(letters);
      bytes[at] = bytes[at]! ^ 0x20; // the other case of the same letter
      writeFileSync(path, bytes);
      break;
    }
    case 'whitespace-changed': {
      await mustTrust(path, environment);
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      const line = random.int(lines.length);
      const edits = [
        () => `${text}\n`,
        () => `${text} `,
        () => text.replaceAll('\n', '\r\n'),
        () => lines.map((entry, at) => (at === line ? `\t${entry}` : entry)).join('\n'),
        () => lines.map((entry, at) => (at === line ? `${entry}\n` : entry)).join('\n'),
        () => lines.map((entry, at) => (at === line ? `${entry}  ` : entry)).join('\n'),
      ];
      replaceFile(path, random.pick(edits)());
      break;
    }
    case 'code-appended': {
      await mustTrust(path, environment);
      const prefix = layout.file === 'pyproject.toml' ? 'tool.slurm.' : '';
      appendFileSync(path, `\n[${prefix}environments.extra]\ncallbacks = ["./evil.mjs:hook"]\n\n[${prefix}environments.extra.templates.more]\ncommand = ${JSON.stringify(`echo hostile:${tag}:appended >> '${canaryLog}'`)}\n`);
      break;
    }
    case 'callback-module-changed':
      await mustTrust(path, environment);
      templateSpec = (await api.call<{ spec: unknown }>('slurmfiles.template', { file: path, environment, name: 'run' })).result?.spec ?? templateSpec;
      replaceFile(join(folder, 'hooks.mjs'), moduleText('hostile', tag));
      break;
    case 'callback-module-symlink-swapped': {
      mkdirSync(join(folder, 'modules'));
      writeFileSync(join(folder, 'modules', 'reviewed.mjs'), moduleText('trusted', tag));
      writeFileSync(join(folder, 'modules', 'other.mjs'), moduleText('hostile', tag));
      swapSymlink(join(folder, 'hooks.mjs'), join(folder, 'modules', 'reviewed.mjs'));
      await mustTrust(path, environment);
      swapSymlink(join(folder, 'hooks.mjs'), join(folder, 'modules', 'other.mjs'));
      break;
    }
    case 'slurmfile-symlink-swapped': {
      // The person opens project/<name>, a link to a reviewed copy; the link is then pointed at another file of the same name.
      const reviewed = writeProject(join(folder, 'reviewed'), layout, 'trusted', tag);
      const other = writeProject(join(folder, 'other'), layout, 'hostile', tag);
      mkdirSync(join(folder, 'project'));
      path = join(folder, 'project', layout.file);
      symlinkSync(reviewed, path);
      await mustTrust(path, environment);
      swapSymlink(path, other);
      break;
    }
    case 'replaced-between-open-and-submit': {
      await mustTrust(path, environment);
      const template = await api.call<{ spec: unknown }>('slurmfiles.template', { file: path, environment, name: 'run' });
      if (!template.ok) throw new Error(`the trusted template was refused: ${JSON.stringify(template.error)}`);
      templateSpec = template.result!.spec;
      replaceFile(path, hostile);
      writeFileSync(join(folder, 'hooks.mjs'), moduleText('hostile', tag));
      break;
    }
    case 'revoked': {
      const view = await mustTrust(path, environment);
      const revoked = await api.call<{ revoked: boolean }>('slurmfiles.revoke', { file: view.file });
      if (!revoked.ok || !revoked.result!.revoked) throw new Error(`revoke: ${JSON.stringify(revoked)}`);
      break;
    }
    case 'trust-reused-for-copy': {
      await mustTrust(path, environment);
      const copy = projectFolder();
      cpSync(folder, copy, { recursive: true });
      path = join(copy, layout.file);
      break;
    }
    case 'forged-trust-record': {
      writeProject(folder, layout, 'hostile', tag);
      const { file, sha256 } = await mustOpen(path, environment);
      const benignHash = createHash('sha256').update(slurmfileText(layout, 'trusted', tag)).digest('hex');
      const wrong = random.pick([
        () => Array.from({ length: 64 }, () => '0123456789abcdef'[random.int(16)]).join(''),
        () => benignHash,
        () => sha256.toUpperCase(),
        () => `${sha256.slice(0, 63)}${sha256.endsWith('0') ? '1' : '0'}`,
        () => `${sha256} `,
      ])();
      const listPath = join(app.dataDir, 'slurmfiles', 'trusted.json');
      mkdirSync(join(app.dataDir, 'slurmfiles'), { recursive: true, mode: 0o700 });
      const existing = existsSync(listPath) ? (JSON.parse(readFileSync(listPath, 'utf8')) as unknown[]) : [];
      const forged = { file, sha256: wrong, targets: [`./hooks.mjs:${layout.exported}`], trustedAt: new Date().toISOString() };
      writeFileSync(listPath, JSON.stringify([...existing, forged], null, 2), { mode: 0o600 });
      break;
    }
    case 'callback-import-changed': {
      // The reviewed module only re-exports a helper; the helper is what changes.
      mkdirSync(join(folder, 'lib'));
      writeFileSync(join(folder, 'lib', 'helper.mjs'), moduleText('trusted', tag));
      writeFileSync(join(folder, 'hooks.mjs'), "export * from './lib/helper.mjs';\n");
      await mustTrust(path, environment);
      replaceFile(join(folder, 'lib', 'helper.mjs'), moduleText('hostile', tag));
      break;
    }
    case 'callback-package-swapped': {
      // The reviewed module imports a package of the project's own node_modules; the package folder is swapped whole.
      const packageFolder = (name: string) => {
        const where = join(folder, 'node_modules', name);
        mkdirSync(where, { recursive: true });
        writeFileSync(join(where, 'package.json'), JSON.stringify({ name: 'slurm-notify', type: 'module', main: 'index.js' }));
        return where;
      };
      writeFileSync(join(packageFolder('slurm-notify'), 'index.js'), moduleText('trusted', tag));
      writeFileSync(join(folder, 'hooks.mjs'), "export * from 'slurm-notify';\n");
      await mustTrust(path, environment);
      const next = packageFolder('.slurm-notify-next');
      writeFileSync(join(next, 'index.js'), moduleText('hostile', tag));
      renameSync(join(folder, 'node_modules', 'slurm-notify'), join(folder, 'node_modules', '.slurm-notify-old'));
      renameSync(next, join(folder, 'node_modules', 'slurm-notify'));
      break;
    }
    case 'changed-before-trust': {
      // Shown to the person, then changed before they press Trust: the hash they saw no longer matches.
      const shown = await mustOpen(path, environment);
      replaceFile(path, hostile);
      writeFileSync(join(folder, 'hooks.mjs'), moduleText('hostile', tag));
      const trusted = await api.call('slurmfiles.trust', { file: shown.file, sha256: shown.sha256 });
      attempt.steps += 1;
      const problem = clearRefusal(trusted, realpathSync(path));
      if (problem === null) attempt.refused += 1;
      else attempt.unclear.push(`trust with the hash shown: ${problem}`);
      break;
    }
  }
  attempt.path = path;
  const file = realpathSync(path);

  const opened = await api.call<View>('slurmfiles.open', { path, environment });
  attempt.steps += 1;
  let runnable = true;
  if (opened.ok) {
    if (opened.result!.trusted) attempt.trustedShown += 1;
    runnable = opened.result!.callbacks.some((callback) => callback.runs);
  } else if (clearRefusal(opened, file) !== null) {
    attempt.unclear.push(`open: ${clearRefusal(opened, file)}`);
  }
  const tries: [string, string, unknown][] = [
    ['template', 'slurmfiles.template', { file: path, environment, name: 'run' }],
    ['submit with its template', 'slurmfiles.submit', { file: path, environment, template: 'run', spec: templateSpec }],
    ['submit under it', 'slurmfiles.submit', { file: path, environment, spec: benignSpec(`probe-${index}`) }],
  ];
  if (kind === 'code-appended') tries.push(['template of the appended environment', 'slurmfiles.template', { file: path, environment: 'extra', name: 'more' }]);
  if (kind === 'code-appended') tries.push(['submit under the appended environment', 'slurmfiles.submit', { file: path, environment: 'extra', spec: benignSpec(`probe-${index}`) }]);
  for (const [what, method, params] of tries) {
    const outcome = await api.call(method, params);
    attempt.steps += 1;
    // A plain submission under a file with no runnable callback needs no trust: nothing of the file runs.
    if (outcome.ok && method === 'slurmfiles.submit' && (params as { template?: string }).template === undefined && !runnable) {
      attempt.acceptedWithoutCallbacks += 1;
      continue;
    }
    const problem = clearRefusal(outcome, file);
    if (problem === null) attempt.refused += 1;
    else attempt.unclear.push(`${what}: ${problem}`);
  }
  return attempt;
}

/**
 * A trusted Slurmfile's job is submitted, then the file or its callback module is changed while
 * the job runs. The trusted callback ends its process after each event, so every later event
 * would start and import the module anew: nothing changed may run.
 */
async function changedWhileJobRuns(index: number, random: Random): Promise<{ tag: string; state: string; trustedEvents: number; change: string }> {
  const layout = randomLayout(random);
  const environment = environmentOf(layout);
  const tag = `changed-while-job-runs-${index}`;
  const folder = projectFolder();
  const path = writeProject(folder, layout, 'trusted', tag);
  writeFileSync(join(folder, 'hooks.mjs'), moduleText('trusted', tag, true));
  await mustTrust(path, environment);
  const submitted = await api.call<{ id: string }>('slurmfiles.submit', { file: path, environment, spec: { name: `changed-${index}`, cluster: 'embedded', task: { kind: 'script', body: 'sleep 3' } } });
  if (!submitted.ok) throw new Error(`trusted submit refused: ${JSON.stringify(submitted.error)}`);
  await waitForCanary([`trusted:${tag}:submitEnd`], 15_000);
  const change = random.pick(['callback module', 'Slurmfile', 'both']);
  if (change !== 'Slurmfile') replaceFile(join(folder, 'hooks.mjs'), moduleText('hostile', tag));
  if (change !== 'callback module') replaceFile(path, slurmfileText(layout, 'hostile', tag, './evil.mjs'));
  const state = await waitForEnd(submitted.result!.id);
  // Events follow the job's changes within a refresh or two.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  const trustedEvents = canaryLines().filter((line) => line.startsWith(`trusted:${tag}:`) && !/:(import|construct)$/.test(line)).length;
  return { tag, state, trustedEvents, change };
}

/**
 * The Slurmfile is swapped between its trusted content and a hostile one by another process, as
 * fast as it can, while submissions under it go on: each read decides on the bytes it hashed.
 */
async function raceSwaps(random: Random): Promise<{ tag: string; accepted: number; refused: number; unclear: string[]; swaps: number; jobs: string[] }> {
  const layout = randomLayout(random);
  const environment = environmentOf(layout);
  const tag = 'race';
  const folder = projectFolder();
  const path = writeProject(folder, layout, 'trusted', tag);
  const template = await (async () => {
    await mustTrust(path, environment);
    return (await api.call<{ spec: unknown }>('slurmfiles.template', { file: path, environment, name: 'run' })).result!.spec;
  })();
  writeFileSync(join(folder, 'trusted.toml'), readFileSync(path));
  writeFileSync(join(folder, 'hostile.toml'), slurmfileText(layout, 'hostile', tag, './evil.mjs'));
  // The swapper checks for a stop file between swaps: a busy loop never runs a signal handler.
  const stopFile = join(folder, 'stop');
  const swapper = spawn(process.execPath, ['-e', `
    const fs = require('node:fs');
    const [path, trusted, hostile, stop] = process.argv.slice(1);
    let swaps = 0;
    const until = Date.now() + 300000;
    while (Date.now() < until && !fs.existsSync(stop)) {
      for (const source of [hostile, trusted]) { fs.copyFileSync(source, path + '.swap'); fs.renameSync(path + '.swap', path); swaps += 1; }
    }
    console.log(swaps);`, path, join(folder, 'trusted.toml'), join(folder, 'hostile.toml'), stopFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  let swapOutput = '';
  swapper.stdout.on('data', (chunk: Buffer) => (swapOutput += chunk.toString()));
  const exited = new Promise((resolve) => swapper.once('exit', resolve));
  const outcome = { tag, accepted: 0, refused: 0, unclear: [] as string[], swaps: 0, jobs: [] as string[] };
  for (let index = 0; index < raceSubmits; index += 1) {
    const submitted = await api.call<{ id: string }>('slurmfiles.submit', { file: path, environment, template: 'run', spec: template });
    if (submitted.ok) {
      outcome.accepted += 1;
      outcome.jobs.push(submitted.result!.id);
      continue;
    }
    const problem = clearRefusal(submitted, path);
    if (problem === null) outcome.refused += 1;
    else outcome.unclear.push(problem);
  }
  writeFileSync(stopFile, '');
  await exited;
  outcome.swaps = Number(swapOutput.trim()) || 0;
  replaceFile(path, readFileSync(join(folder, 'trusted.toml'), 'utf8'));
  return outcome;
}

describe('Slurmfile callbacks: an untrusted or modified Slurmfile never runs code', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-slurmfile-home-'));
    canaryLog = join(mkdtempSync(join(tmpdir(), 'slurmdesk-proof-slurmfile-canary-')), 'canary.log');
    app = await startAppUnderAttack({ env: { HOME: home } });
    api = await openContractSocket(app);
  });
  afterAll(async () => {
    api?.close();
    await app?.stop();
  });

  it('refuses every hostile variant with a clear error, and runs nothing of it', async () => {
    const random = seededRandom(0x51f7);
    const before = await positiveControl('before', random);

    const attempts: Attempt[] = [];
    for (let index = 0; index < quickAttempts; index += 1) attempts.push(await attack(quickKinds[index % quickKinds.length]!, index, random));
    const changed = [];
    for (let index = 0; index < jobRunAttempts; index += 1) changed.push(await changedWhileJobRuns(index, random));
    const race = await raceSwaps(random);
    const raceStates = await Promise.all(race.jobs.map((id) => waitForEnd(id)));

    const after = await positiveControl('after', random);
    // Late events (a refresh after the last job ended) have time to arrive before the canary is read.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const lines = canaryLines();
    // Nothing of an attack's own variant may run at all; where trusted content was legitimately
    // used (a job submitted before the change, the race's trusted half), only hostile lines count.
    const attackLines = lines.filter((line) => attempts.some((attempt) => line.split(':')[1] === attempt.tag));
    const hostileLines = lines.filter((line) => line.startsWith('hostile:'));
    const breachedTags = new Set([...attackLines, ...hostileLines].map((line) => line.split(':')[1]));
    const unclear = attempts.flatMap((attempt) => attempt.unclear.map((problem) => `${attempt.tag}: ${problem}`)).concat(race.unclear.map((problem) => `race: ${problem}`));
    const trustedShown = attempts.filter((attempt) => attempt.trustedShown > 0).map((attempt) => attempt.tag);
    const byKind = Object.fromEntries(quickKinds.map((kind) => [kind, attempts.filter((attempt) => attempt.kind === kind).length]));
    const total = attempts.length + changed.length + raceSubmits;
    recordCheck({
      id: 'slurmfile-callbacks',
      area: 'attack',
      check: 'An untrusted or modified Slurmfile never executes code',
      tried:
        `${attempts.length} hostile Slurmfiles (${quickKinds.join(', ')}; Slurmfile, slurmfile.toml and pyproject.toml; callbacks inline or as tables, class or function) each opened, ` +
        `asked for its template and submitted with and without it; ${changed.length} trusted jobs whose Slurmfile or callback module changed while they ran (the callback restarting after every event); ` +
        `${raceSubmits} submissions while another process swapped the Slurmfile between its trusted and a hostile content; a trusted, unmodified Slurmfile before and after as control`,
      attempts: total,
      lost: 0,
      breached: breachedTags.size + unclear.length + trustedShown.length,
      figures: {
        'canary lines from hostile code': hostileLines.length,
        'canary lines from refused variants': attackLines.length,
        'contract calls refused clearly': attempts.reduce((sum, attempt) => sum + attempt.refused, 0) + race.refused,
        'unclear or missing refusals': unclear.length,
        'shown as trusted after a change': trustedShown.length,
        'plain submits allowed (no runnable callback left)': attempts.reduce((sum, attempt) => sum + attempt.acceptedWithoutCallbacks, 0),
        'race: swaps': race.swaps,
        'race: accepted (trusted bytes) / refused': `${race.accepted} / ${race.refused}`,
        'changed while running: trusted events heard before the change': changed.map((entry) => entry.trustedEvents).join(' '),
        'control callback ran (before, after)': `${before.callbackRan}, ${after.callbackRan}`,
        'control template ran (before, after)': `${before.templateRan}, ${after.templateRan}`,
        'attempts by kind': JSON.stringify(byKind),
      },
    });
    expect([...breachedTags], lines.filter((line) => breachedTags.has(line.split(':')[1])).slice(0, 20).join('\n')).toEqual([]);
    expect(unclear.slice(0, 20)).toEqual([]);
    expect(trustedShown).toEqual([]);
    // The controls: the canary does see code that runs, before and after the attacks.
    expect(before).toEqual({ callbackRan: true, templateRan: true, state: 'COMPLETED' });
    expect(after).toEqual({ callbackRan: true, templateRan: true, state: 'COMPLETED' });
    expect(changed.map((entry) => entry.state)).toEqual(changed.map(() => 'COMPLETED'));
    expect(raceStates.every((state) => state === 'COMPLETED')).toBe(true);
    // Both halves of the race happened: the trusted content was accepted, the hostile refused.
    expect(race.accepted).toBeGreaterThan(0);
    expect(race.refused).toBeGreaterThan(0);
    expect(app.alive()).toBe(true);
  });
});
