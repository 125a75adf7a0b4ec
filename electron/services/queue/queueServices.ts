import type { Handlers } from '../../../shared/contract/dispatcher';
import type { EventHub } from '../../../shared/contract/eventHub';
import type { AuditLog } from '../audit/auditLog';
import type { Backend } from '../backends/types';
import type { JobEngine } from '../jobs/jobEngine';
import type { JobTracker } from '../jobs/jobTracker';
import type { Logger } from '../log';
import { toQueueEntries } from './parseQueueRows';
import { AppJobIndex } from './appJobIndex';
import type { ClusterQueue } from './clusterQueue';
import { EmbeddedQueue } from './embeddedQueue';
import { createQueueHandlers } from './queueHandlers';
import { QueueMonitor } from './queueMonitor';
import { SlurmQueue } from './slurmQueue';

type QueueMethod = Extract<keyof Handlers, `queue.${string}`>;

export type QueueServicesDeps = { backend(cluster: string): Backend; engine: JobEngine; tracker: JobTracker; hub: EventHub; audit: AuditLog; log: Logger };

export type QueueServices = { handlers: Pick<Handlers, QueueMethod>; monitor: QueueMonitor; queueOf(cluster: string): ClusterQueue };

/** The queue views wired to the app's backends, journal, tracker, events and audit log. */
export function openQueueServices(deps: QueueServicesDeps): QueueServices {
  const { engine, tracker } = deps;
  // One queue per backend object: a cluster whose connection was replaced starts a fresh count.
  const queues = new WeakMap<Backend, ClusterQueue>();
  const queueOf = (cluster: string): ClusterQueue => {
    const backend = deps.backend(cluster);
    let queue = queues.get(backend);
    if (!queue) {
      queue =
        backend.kind === 'embedded'
          ? new EmbeddedQueue({
              records: () => [...engine.journal.all()].filter((record) => record.cluster === cluster),
              cancel: async (ids) => void (await engine.cancel(ids)),
            })
          : new SlurmQueue(backend.runner);
      queues.set(backend, queue);
    }
    return queue;
  };
  const appJobs = new AppJobIndex(engine.journal);
  const monitor = new QueueMonitor({
    queueOf,
    appJobs: (cluster) => appJobs.of(cluster),
    refreshTracked: async (cluster) => {
      if (tracker.activeJobs(cluster).length === 0) return false;
      await tracker.refresh(cluster);
      return true;
    },
    onChanged: (change) => deps.hub.emit('queue.changed', change),
    onStatus: (status) => deps.hub.emit('queue.status', status),
    log: deps.log,
  });
  tracker.readQueueFrom((cluster) => (monitor.watchedSlurm(cluster) ? async () => toQueueEntries(await monitor.readQueue(cluster)) : null));
  const handlers = createQueueHandlers({ monitor, queueOf, files: (cluster) => deps.backend(cluster).files, appJobs: (cluster) => appJobs.of(cluster), audit: deps.audit });
  return { handlers, monitor, queueOf };
}
