import { request } from 'node:http';
import { posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ForwardInfo } from '../../../shared/contract/forwardMethods';
import { AppError } from '../../../shared/errors';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import type { Resources } from '../../../shared/jobs/jobSpec';
import { isTerminal } from '../../../shared/jobs/jobState';
import { WebAppDescriptorSchema, webAppFiles, type WebAppDescriptor, type WebAppTemplateId } from '../../../shared/webapps/webAppTemplates';
import type { Backend } from '../backends/types';
import type { ForwardOpenRequest } from '../forwards/forwardHandlers';
import { webAppScript } from './webAppScript';

export type WebAppDeps = {
  submit: (spec: unknown) => Promise<JobRecord>;
  /** The job as it is now (refreshed from the scheduler). */
  refreshed: (id: string) => Promise<JobRecord>;
  backend: (cluster: string) => Backend;
  openForward: (owner: string, request: ForwardOpenRequest) => Promise<ForwardInfo>;
  closeForward: (id: string, reason: string) => void;
};

export type WebAppStart = { cluster: string; template: WebAppTemplateId; command?: string | undefined; logDir?: string | undefined; resources?: Partial<Resources> | undefined };

/** A web app ready to use: its forward, and the address with the token (for this person only). */
export type OpenWebApp = { forward: ForwardInfo; url: string; token: string; template: WebAppDescriptor['template'] };

const maxTokenBytes = 256;

/** Submits the app as a job of its own; `open` then waits for it, forwards and answers the address. */
export function startWebApp(deps: WebAppDeps, start: WebAppStart): Promise<JobRecord> {
  return deps.submit({
    name: `webapp-${start.template}`,
    cluster: start.cluster,
    task: { kind: 'script', body: webAppScript(start.template, { ...(start.command ? { command: start.command } : {}), ...(start.logDir ? { logDir: start.logDir } : {}) }) },
    resources: { time: '8:00:00', ...start.resources, extra: start.resources?.extra ?? [] },
  });
}

/**
 * Waits until the job runs and its app answers, then forwards a 127.0.0.1 port to it. The token is
 * read from its 0600 file in the job folder over SFTP; it goes into the address, never argv.
 */
export async function openWebApp(deps: WebAppDeps, owner: string, id: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<OpenWebApp> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let record = await deps.refreshed(id);
  let descriptor: WebAppDescriptor | null = null;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    if (isTerminal(record.state)) throw new AppError('webapp-ended', `Job ${id} is ${record.state.toLowerCase()}: its web app is not running. Its logs say why.`);
    if (record.state === 'RUNNING') descriptor = await readDescriptor(deps.backend(record.cluster), record.jobDir);
    if (descriptor) break;
    if (Date.now() > deadline) throw new AppError('webapp-timeout', `Job ${id} is still ${record.state.toLowerCase()} and its app has not said its port yet.`);
    await sleep(delay, undefined, { signal: options.signal });
    record = await deps.refreshed(id);
  }
  const token = await readToken(deps.backend(record.cluster), record.jobDir);
  const forward = await deps.openForward(owner, { cluster: record.cluster, job: id, node: null, remotePort: descriptor.port, localPort: null });
  try {
    // A debugger takes one client: a probe would be it. The person's attach is the first connection.
    if (descriptor.template !== 'debugpy') await untilAnswering(forward.localPort, deadline, options.signal);
  } catch (error) {
    deps.closeForward(forward.id, 'the web app never answered');
    throw error;
  }
  const path = descriptor.path.replace('{token}', encodeURIComponent(token));
  return { forward, url: `http://127.0.0.1:${forward.localPort}${path}`, token, template: descriptor.template };
}

async function readDescriptor(backend: Backend, jobDir: string): Promise<WebAppDescriptor | null> {
  const bytes = await backend.files.readFile(posix.join(jobDir, webAppFiles.descriptor), { offset: 0, length: 4096 });
  if (!bytes) return null;
  const parsed = WebAppDescriptorSchema.safeParse(safeJson(Buffer.from(bytes).toString('utf8')));
  if (!parsed.success) throw new AppError('webapp-descriptor', `${webAppFiles.descriptor} in ${jobDir} is not what a web app job writes.`);
  return parsed.data;
}

async function readToken(backend: Backend, jobDir: string): Promise<string> {
  const path = posix.join(jobDir, webAppFiles.token);
  const stat = await backend.files.stat(path);
  // Group- or world-readable means someone else may hold it too: refuse rather than use it.
  if (!stat || (stat.mode & 0o077) !== 0) throw new AppError('webapp-token', `The token file ${path} is missing or readable by others; stop this job and start the app again.`);
  const bytes = await backend.files.readFile(path, { offset: 0, length: maxTokenBytes });
  const token = bytes ? Buffer.from(bytes).toString('utf8').trim() : '';
  if (!/^[A-Za-z0-9_-]{16,200}$/.test(token)) throw new AppError('webapp-token', `The token file ${path} does not hold a token.`);
  return token;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Any HTTP answer through the forward means the app is up (a login page or a 403 included). */
async function untilAnswering(port: number, deadline: number, signal: AbortSignal | undefined): Promise<void> {
  for (let delay = 200; ; delay = Math.min(delay * 2, 2000)) {
    if (await answers(port)) return;
    if (Date.now() > deadline) throw new AppError('webapp-timeout', 'The web app did not answer through its forward in time.');
    await sleep(delay, undefined, { signal });
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request({ host: '127.0.0.1', port, path: '/', method: 'HEAD', timeout: 5_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
    probe.once('timeout', () => probe.destroy());
    probe.end();
  });
}
