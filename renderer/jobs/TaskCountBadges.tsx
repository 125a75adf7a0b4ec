import type { JobSummary } from '../../shared/jobs/jobRecord';
import type { JobState } from '../../shared/jobs/jobState';
import { jobStateFamily, type JobStateFamily } from './jobStateFamily';

const familyWords: Record<JobStateFamily, string> = {
  running: 'running',
  pending: 'waiting',
  completed: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};
const order: JobStateFamily[] = ['running', 'pending', 'completed', 'failed', 'cancelled'];

/** An array's tasks per state family, as small tinted counts ("3 running · 90 done"). */
export function TaskCountBadges({ tasks }: { tasks: NonNullable<JobSummary['tasks']> }) {
  const byFamily = new Map<JobStateFamily, number>();
  for (const [state, count] of Object.entries(tasks.counts) as [JobState, number][]) {
    const family = jobStateFamily(state);
    byFamily.set(family, (byFamily.get(family) ?? 0) + count);
  }
  const shown = order.filter((family) => (byFamily.get(family) ?? 0) > 0);
  return (
    <span className="task-counts" data-testid="task-counts" title={`${tasks.total.toLocaleString()} tasks: ${shown.map((family) => `${(byFamily.get(family) ?? 0).toLocaleString()} ${familyWords[family]}`).join(', ')}`}>
      <span className="visually-hidden">{tasks.total.toLocaleString()} tasks: </span>
      {shown.map((family) => (
        <span key={family} className="task-count" data-family={family}>
          {(byFamily.get(family) ?? 0).toLocaleString()} {familyWords[family]}
        </span>
      ))}
      {shown.length === 0 && <span className="task-count">{tasks.total.toLocaleString()} tasks</span>}
    </span>
  );
}
