import type { Handlers } from '../../../shared/contract/dispatcher';
import { summarize } from '../../../shared/jobs/jobRecord';
import type { Backend } from '../backends/types';
import type { JobEngine } from './jobEngine';
import { listJobFiles, readLog, readResult } from './jobOutputs';
import { listTasks } from './jobTasks';
import type { JobOutputCache } from './outputCache';
import { freshOrCached } from './staleFallback';

type JobMethods = 'jobs.submit' | 'jobs.preview' | 'jobs.list' | 'jobs.get' | 'jobs.cancel' | 'jobs.tasks' | 'jobs.logs' | 'jobs.result' | 'jobs.files';

/**
 * The contract's jobs.* methods over the engine; every payload was validated by the dispatcher.
 * Logs and results read are kept in `cache`, which answers (marked stale) when the cluster is out of reach.
 */
export function createJobHandlers(engine: JobEngine, backend: (cluster: string) => Backend, onSubmitted: () => void, cache: JobOutputCache, onCacheError?: (error: unknown) => void): Pick<Handlers, JobMethods> {
  return {
    'jobs.submit': async ({ spec }, context) => {
      const record = await engine.submit(spec, context.signal);
      onSubmitted();
      return summarize(record);
    },
    'jobs.preview': ({ spec }) => engine.preview(spec),
    'jobs.list': ({ cluster, states, offset, limit }) => engine.page({ ...(cluster ? { cluster } : {}), ...(states ? { states } : {}) }, offset, limit),
    'jobs.get': ({ id }) => engine.get(id),
    'jobs.cancel': async ({ ids }) => ({ jobs: (await engine.cancel(ids)).map(summarize) }),
    'jobs.tasks': async ({ id }) => {
      const record = engine.get(id);
      return { tasks: await listTasks(record, backend(record.cluster)) };
    },
    'jobs.logs': ({ id, stream, task, offset, length, tail }) => {
      const record = engine.get(id);
      const request = { stream, task, tail, ...(offset !== undefined ? { offset } : {}), ...(length !== undefined ? { length } : {}) };
      return freshOrCached(
        () => readLog(backend(record.cluster).files, record, request),
        (chunk) => cache.rememberLog(record.id, request, chunk),
        () => cache.recallLog(record.id, request),
        onCacheError,
      );
    },
    'jobs.result': ({ id, task }) => {
      const record = engine.get(id);
      return freshOrCached(
        () => readResult(backend(record.cluster).files, record, task),
        (result) => cache.rememberResult(record.id, task, result),
        () => cache.recallResult(record.id, task),
        onCacheError,
      );
    },
    'jobs.files': async ({ id }) => {
      const record = engine.get(id);
      return { jobDir: record.jobDir, entries: await listJobFiles(backend(record.cluster).files, record) };
    },
  };
}
