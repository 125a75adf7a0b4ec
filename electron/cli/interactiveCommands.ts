import { setTimeout as sleep } from 'node:timers/promises';
import { WebAppTemplateIdSchema, webAppTemplateIds } from '../../shared/webapps/webAppTemplates';
import { summarize } from '../../shared/jobs/jobRecord';
import { openShell } from '../services/terminal/openShell';
import { resolveJob } from '../services/terminal/jobShell';
import { openWebApp, startWebApp } from '../services/webapps/webApps';
import type { ForwardInfo } from '../../shared/contract/forwardMethods';
import { UsageError } from './cliErrors';
import type { CommandContext } from './commands';
import { shown } from './output';

const cliOwner = 'cli';

/**
 * `slurmdesk shell`: this terminal becomes the remote one. Its bytes pass as they are, both ways,
 * exactly as with `ssh -t`: a shell needs its escape sequences, and they come from the person's
 * own shell, not from text a job chose to print into a table or message.
 */
export async function shellCommand(context: CommandContext, flags: { cluster: string; job?: string; node?: string }): Promise<number> {
  const job = flags.job ? resolveJob(flags.job, flags.cluster, (id) => context.services.engine.get(id)) : null;
  const cluster = job?.cluster ?? flags.cluster;
  const stdin = process.stdin;
  const size = () => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  const { pty } = await openShell({ backend: context.services.backend(cluster), job, node: flags.node ?? null, size: size() });
  context.services.audit.record({ event: 'terminal', action: 'open', cluster, job: job?.slurmId ?? null, node: flags.node ?? null });
  const raw = stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  const onResize = () => pty.resize(size().cols, size().rows);
  process.stdout.on('resize', onResize);
  const onInput = (chunk: Buffer) => pty.write(chunk.toString('utf8'));
  stdin.on('data', onInput);
  // Piped input: its end is the end of typing (Ctrl-D), after the shell has read the rest.
  stdin.once('end', () => pty.write('\x04'));
  pty.onData((chunk) => process.stdout.write(chunk));
  const exitCode = await new Promise<number | null>((resolve) => pty.onExit(resolve));
  stdin.off('data', onInput);
  process.stdout.off('resize', onResize);
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  context.services.audit.record({ event: 'terminal', action: 'close', cluster, job: job?.slurmId ?? null, node: flags.node ?? null });
  return exitCode ?? 1;
}

/** `slurmdesk forward ID REMOTE_PORT [--local PORT]`: until Ctrl-C, or the job ends. */
export async function forwardCommand(context: CommandContext, positionals: readonly string[], flags: { cluster?: string; local?: string; node?: string }): Promise<number> {
  const [target, port] = positionals;
  if (positionals.length !== 2 || target === undefined || port === undefined) throw new UsageError('forward takes a job id (or "login" for the login node) and a remote port.');
  const forward = await context.services.forwards.open(cliOwner, {
    cluster: flags.cluster ?? null,
    job: target === 'login' ? null : target,
    node: flags.node ?? null,
    remotePort: portNumber(port, 'REMOTE_PORT'),
    localPort: flags.local === undefined ? null : portNumber(flags.local, '--local'),
  });
  context.output.print({ forward }, () => `Forwarding 127.0.0.1:${forward.localPort} → ${shown(forward.targetHost)}:${forward.targetPort} on ${shown(forward.cluster)}; Ctrl-C stops it.`);
  return holdForward(context, forward);
}

/** `slurmdesk webapp TEMPLATE`: submits a web app job (then `slurmdesk open ID`). */
export async function webAppCommand(context: CommandContext, positionals: readonly string[], flags: { cluster: string; command?: string; 'log-dir'?: string }): Promise<number> {
  const template = WebAppTemplateIdSchema.safeParse(positionals[0]);
  if (positionals.length !== 1 || !template.success) throw new UsageError(`webapp takes one of ${webAppTemplateIds.join(', ')}.`);
  const record = summarize(await startWebApp(context.services.webApps, { cluster: flags.cluster, template: template.data, command: flags.command, logDir: flags['log-dir'] }));
  context.output.print({ job: record }, () => `Submitted ${record.id} (${shown(record.cluster)} job ${shown(record.slurmId ?? '-')}); open it with: slurmdesk open ${record.id}`);
  return 0;
}

/**
 * `slurmdesk open ID`: waits for a web app job, forwards to it, and prints its address with the
 * token on stdout (a pipe or this terminal; never a command line), then holds the forward.
 */
export async function openCommand(context: CommandContext, id: string): Promise<number> {
  const opened = await openWebApp(context.services.webApps, cliOwner, id);
  if (opened.template === 'debugpy') {
    const attach = { type: 'debugpy', request: 'attach', connect: { host: '127.0.0.1', port: opened.forward.localPort } };
    context.output.print({ forward: opened.forward, attach }, () => `Attach a debugger to 127.0.0.1:${opened.forward.localPort} (VS Code launch.json: ${JSON.stringify(attach)}); Ctrl-C stops the forward.`);
    return holdForward(context, opened.forward);
  }
  context.output.print({ forward: opened.forward, url: opened.url }, () => `${opened.url}\nForwarding 127.0.0.1:${opened.forward.localPort} to job ${shown(id)}; Ctrl-C stops the forward (the job keeps running: slurmdesk cancel ${shown(id)}).`);
  return holdForward(context, opened.forward);
}

async function holdForward(context: CommandContext, forward: ForwardInfo): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    while (!stop.signal.aborted) {
      const now = context.services.forwards.forwards.list(cliOwner).find((open) => open.id === forward.id);
      if (!now) {
        context.output.log('The forward closed: its job ended.');
        return 0;
      }
      if (now.state === 'connection-lost') {
        context.output.log(`${now.message ?? 'The connection dropped.'} Reconnecting…`);
        await context.services.forwards.forwards.reconnect(cliOwner, forward.id).catch((error: unknown) => context.output.log(error instanceof Error ? error.message : String(error)));
      }
      await context.services.forwards.watch.check();
      await sleep(1000, undefined, { signal: stop.signal }).catch(() => undefined);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    context.services.forwards.forwards.shut(forward.id, 'stopped from the command line');
  }
}

function portNumber(text: string, what: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) throw new UsageError(`${what} is a port number (1–65535), not ${JSON.stringify(text)}.`);
  return port;
}
