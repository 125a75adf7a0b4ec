import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Caller } from '../../../shared/contract/caller';
import type { EventHub } from '../../../shared/contract/eventHub';
import { maxTerminalOutputChars, type TerminalEnd, type TerminalInfo } from '../../../shared/contract/terminalMethods';
import { AppError } from '../../../shared/errors';
import type { AuditLog } from '../audit/auditLog';
import type { OpenedShell } from './openShell';

/** Below the connection's ten channels, so job tracking and log reads still get theirs. */
export const maxTerminalsPerCluster = 6;

export type TerminalRequest = { cluster: string; job: string | null; slurmId: string | null; node: string | null; cols: number; rows: number };

type OpenTerminal = { info: TerminalInfo; owner: string; shell: OpenedShell; closing: boolean; forget: () => void };

/**
 * The open terminals of every window. Each belongs to the window that opened it: only that window
 * writes to it, resizes or closes it, and receives its output; when the window goes, its
 * terminals are hung up.
 */
export class TerminalSessions {
  private readonly open = new Map<string, OpenTerminal>();

  constructor(
    private readonly deps: {
      hub: EventHub;
      audit: AuditLog;
      openShell: (request: TerminalRequest) => Promise<OpenedShell>;
      /** After a job's shell ended: is the job still running? (false: say the job ended). */
      jobRunning: (cluster: string, slurmId: string) => Promise<boolean>;
    },
  ) {}

  async openFor(caller: Caller | undefined, request: TerminalRequest): Promise<TerminalInfo> {
    if (!caller) throw new AppError('no-window', 'A terminal belongs to a window; open it from one (or with slurmdesk shell).');
    const onCluster = [...this.open.values()].filter((terminal) => terminal.info.cluster === request.cluster).length;
    if (onCluster >= maxTerminalsPerCluster) {
      throw new AppError('too-many-terminals', `${maxTerminalsPerCluster} terminals are already open on ${request.cluster}; close one first.`);
    }
    const shell = await this.deps.openShell(request);
    const id = `term-${randomBytes(8).toString('hex')}`;
    const where = request.job ? `job ${request.slurmId ?? request.job}${shell.node ? ` on ${shell.node}` : ''}` : request.cluster;
    const info: TerminalInfo = { id, cluster: request.cluster, job: request.job, node: shell.node, title: where };
    const terminal: OpenTerminal = { info, owner: caller.id, shell, closing: false, forget: () => undefined };
    this.open.set(id, terminal);
    terminal.forget = caller.onGone(() => this.hangUp(id));
    this.deps.audit.record({ event: 'terminal', action: 'open', cluster: request.cluster, job: request.slurmId, node: shell.node });
    const decoder = new StringDecoder('utf8');
    const send = (text: string) => {
      for (let start = 0; start < text.length; start += maxTerminalOutputChars) {
        this.deps.hub.emitTo(terminal.owner, 'terminal.output', { id, data: text.slice(start, start + maxTerminalOutputChars) });
      }
    };
    shell.pty.onData((chunk) => send(decoder.write(chunk)));
    shell.pty.onExit((exitCode) => {
      const rest = decoder.end();
      if (rest) send(rest);
      void this.ended(terminal, request, exitCode);
    });
    return info;
  }

  write(caller: Caller | undefined, id: string, data: string): void {
    this.owned(caller, id).shell.pty.write(data);
  }

  resize(caller: Caller | undefined, id: string, cols: number, rows: number): void {
    this.owned(caller, id).shell.pty.resize(cols, rows);
  }

  close(caller: Caller | undefined, id: string): void {
    this.owned(caller, id);
    this.hangUp(id);
  }

  closeAll(): void {
    for (const id of this.open.keys()) this.hangUp(id);
  }

  get count(): number {
    return this.open.size;
  }

  private hangUp(id: string): void {
    const terminal = this.open.get(id);
    if (!terminal || terminal.closing) return;
    terminal.closing = true;
    terminal.shell.pty.kill();
  }

  private owned(caller: Caller | undefined, id: string): OpenTerminal {
    const terminal = this.open.get(id);
    // Another window's terminal and one that never existed get the same answer.
    if (!terminal || !caller || terminal.owner !== caller.id) throw new AppError('no-such-terminal', `No terminal ${id} is open in this window.`);
    return terminal;
  }

  private async ended(terminal: OpenTerminal, request: TerminalRequest, exitCode: number | null): Promise<void> {
    const { id } = terminal.info;
    this.open.delete(id);
    terminal.forget();
    const end = await this.describeEnd(terminal, request, exitCode);
    this.deps.audit.record({ event: 'terminal', action: 'close', cluster: request.cluster, job: request.slurmId, node: terminal.shell.node });
    this.deps.hub.emitTo(terminal.owner, 'terminal.ended', end);
  }

  private async describeEnd(terminal: OpenTerminal, request: TerminalRequest, exitCode: number | null): Promise<TerminalEnd> {
    const { id } = terminal.info;
    if (terminal.closing) return { id, kind: 'closed', reason: 'The terminal was closed.', exitCode };
    if (terminal.shell.connectionLost()) {
      return { id, kind: 'connection-lost', reason: `The connection to ${request.cluster} dropped. Open a new terminal to reconnect.`, exitCode };
    }
    if (request.slurmId) {
      const running = await this.deps.jobRunning(request.cluster, request.slurmId).catch(() => true);
      if (!running) return { id, kind: 'job-ended', reason: `Job ${request.slurmId} ended, and its shell with it.`, exitCode };
    }
    return { id, kind: 'exited', reason: exitCode === null ? 'The shell ended.' : `The shell exited with status ${exitCode}.`, exitCode };
  }
}
