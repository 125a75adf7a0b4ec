import type { Handlers } from '../../../shared/contract/dispatcher';
import type { EventHub } from '../../../shared/contract/eventHub';
import type { AuditLog } from '../audit/auditLog';
import type { Backend } from '../backends/types';
import { resolveJob, runningJobs } from './jobShell';
import { openShell } from './openShell';
import { TerminalSessions } from './terminalSessions';

export type TerminalDeps = {
  hub: EventHub;
  audit: AuditLog;
  backend: (cluster: string) => Backend;
  /** The app's own job records, for a job named by its sd- id. */
  job: (id: string) => { cluster: string; slurmId: string | null };
};

/** The terminal service and its four contract methods. */
export function createTerminals(deps: TerminalDeps): { terminals: TerminalSessions; handlers: Pick<Handlers, 'terminal.open' | 'terminal.write' | 'terminal.resize' | 'terminal.close'> } {
  const terminals = new TerminalSessions({
    hub: deps.hub,
    audit: deps.audit,
    openShell: (request) => {
      const target = request.slurmId ? { cluster: request.cluster, slurmId: request.slurmId, appId: null } : null;
      return openShell({ backend: deps.backend(request.cluster), job: target, node: request.node, size: { cols: request.cols, rows: request.rows } });
    },
    jobRunning: async (cluster, slurmId) => (await runningJobs(deps.backend(cluster).runner, [slurmId])).has(slurmId),
  });
  return {
    terminals,
    handlers: {
      'terminal.open': async (params, context) => {
        const job = params.job ? resolveJob(params.job, params.cluster, deps.job) : null;
        const cluster = job?.cluster ?? params.cluster;
        return terminals.openFor(context.caller, { cluster, job: params.job, slurmId: job?.slurmId ?? null, node: params.node, cols: params.cols, rows: params.rows });
      },
      'terminal.write': (params, context) => {
        terminals.write(context.caller, params.id, params.data);
        return {};
      },
      'terminal.resize': (params, context) => {
        terminals.resize(context.caller, params.id, params.cols, params.rows);
        return {};
      },
      'terminal.close': (params, context) => {
        terminals.close(context.caller, params.id);
        return {};
      },
    },
  };
}
