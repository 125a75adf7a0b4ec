import type { Caller } from '../../../shared/contract/caller';
import type { Handlers } from '../../../shared/contract/dispatcher';
import type { EventHub } from '../../../shared/contract/eventHub';
import { AppError } from '../../../shared/errors';
import type { AuditLog } from '../audit/auditLog';
import type { Backend } from '../backends/types';
import type { Logger } from '../log';
import { resolveJob } from '../terminal/jobShell';
import { forwardRoute } from './forwardRoute';
import { forwardTargetHost } from './forwardTarget';
import { JobForwardWatch } from './jobForwardWatch';
import { PortForwards } from './portForwards';

export type ForwardDeps = {
  hub: EventHub;
  audit: AuditLog;
  log: Logger;
  backend: (cluster: string) => Backend;
  job: (id: string) => { cluster: string; slurmId: string | null };
};

export type ForwardOpenRequest = { cluster: string | null; job: string | null; node: string | null; remotePort: number; localPort: number | null };

/** The forward service, its job watch, and the contract methods a window uses. */
export function createForwards(deps: ForwardDeps) {
  const forwards = PortForwards.withEvents(deps.hub, { audit: deps.audit, route: (cluster) => forwardRoute(deps.backend(cluster)) });
  const watch = new JobForwardWatch(forwards, deps.backend, deps.log);
  watch.start();
  const watchedCallers = new Set<string>();
  const open = async (owner: string, request: ForwardOpenRequest) => {
    const job = request.job ? resolveJob(request.job, request.cluster, deps.job) : null;
    const cluster = job?.cluster ?? request.cluster;
    if (!cluster) throw new AppError('cluster-needed', 'Say which cluster to forward to, or name a job.');
    const targetHost = await forwardTargetHost(deps.backend(cluster), job, request.node);
    return forwards.openFor(owner, { cluster, job: job && request.job ? { shown: request.job, slurmId: job.slurmId } : null, targetHost, targetPort: request.remotePort, localPort: request.localPort });
  };
  const ownerOf = (caller: Caller | undefined): string => {
    if (!caller) throw new AppError('no-window', 'A forward belongs to a window; open it from one (or with slurmdesk forward).');
    if (!watchedCallers.has(caller.id)) {
      watchedCallers.add(caller.id);
      caller.onGone(() => {
        watchedCallers.delete(caller.id);
        forwards.closeOwnedBy(caller.id, 'its window closed');
      });
    }
    return caller.id;
  };
  const handlers: Pick<Handlers, 'forwards.open' | 'forwards.list' | 'forwards.close' | 'forwards.reconnect'> = {
    'forwards.open': (params, context) => open(ownerOf(context.caller), params),
    'forwards.list': (_params, context) => ({ forwards: forwards.list(ownerOf(context.caller)) }),
    'forwards.close': (params, context) => {
      forwards.close(ownerOf(context.caller), params.id);
      return {};
    },
    'forwards.reconnect': (params, context) => forwards.reconnect(ownerOf(context.caller), params.id),
  };
  return {
    forwards,
    watch,
    open,
    ownerOf,
    handlers,
    close: () => {
      watch.stop();
      forwards.closeAll('Slurm Desk quit');
    },
  };
}
