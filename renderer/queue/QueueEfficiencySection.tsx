import { formatBytes, type JobEfficiency } from '../../shared/queue/efficiency';
import { formatDuration } from '../jobs/formatDuration';
import { formatShare } from './efficiencyText';

/** seff's figures for a finished job, each said with what it is measured against, and the plain hints. */
export function QueueEfficiencySection({ efficiency }: { efficiency: JobEfficiency }) {
  const { elapsedSeconds, timeLimitSeconds, timeUsed, allocatedCpus, cpuEfficiency, maxRssBytes, requestedMemoryBytes, memoryEfficiency, gpus, gpuUtilization, hints } = efficiency;
  return (
    <section className="job-section" aria-labelledby="queue-efficiency-title" data-testid="queue-efficiency">
      <h3 id="queue-efficiency-title" className="job-section-title">
        Efficiency
      </h3>
      {hints.length > 0 && (
        <ul className="queue-hints" data-testid="queue-efficiency-hints">
          {hints.map((hint) => (
            <li key={hint}>{hint.charAt(0).toUpperCase() + hint.slice(1)}: ask for less next time, and it may start sooner.</li>
          ))}
        </ul>
      )}
      <dl className="job-facts">
        <dt>Time</dt>
        <dd data-testid="queue-efficiency-time">
          {elapsedSeconds === null ? '—' : `ran ${formatDuration(elapsedSeconds)}`}
          {timeLimitSeconds !== null && ` of ${formatDuration(timeLimitSeconds)} asked`}
          {timeUsed !== null && ` (${formatShare(timeUsed)})`}
        </dd>
        <dt>CPU</dt>
        <dd data-testid="queue-efficiency-cpu">
          {cpuEfficiency === null ? 'not recorded' : `${formatShare(cpuEfficiency)} of ${allocatedCpus ?? '?'} ${allocatedCpus === 1 ? 'CPU' : 'CPUs'} kept busy`}
        </dd>
        <dt>Memory</dt>
        <dd data-testid="queue-efficiency-memory">
          {maxRssBytes === null ? 'not recorded' : `peak ${formatBytes(maxRssBytes)}`}
          {requestedMemoryBytes !== null && ` of ${formatBytes(requestedMemoryBytes)} asked`}
          {memoryEfficiency !== null && ` (${formatShare(memoryEfficiency)})`}
        </dd>
        {gpus !== null && gpus > 0 && (
          <>
            <dt>GPUs</dt>
            <dd>
              {gpus} {gpus === 1 ? 'GPU' : 'GPUs'}
              {gpuUtilization !== null ? `, ${formatShare(gpuUtilization)} busy` : ', use not recorded by this site'}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
