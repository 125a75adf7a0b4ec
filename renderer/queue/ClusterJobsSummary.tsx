import { useMemo } from 'react';
import { Button } from 'react-aria-components';
import { useNavigationStore } from '../app/navigationStore';
import { jobStateFamily, type JobStateFamily } from '../jobs/jobStateFamily';
import { useJobsTableStore } from '../jobs/jobsTableStore';
import { noFilters } from '../jobs/jobsQuery';
import { QueueNotes } from './QueueNotes';
import { useClusterQueue } from './queueStore';
import './queue.css';

const familyWords: Record<JobStateFamily, string> = { running: 'running', pending: 'waiting', completed: 'done', failed: 'failed', cancelled: 'cancelled' };
const order: JobStateFamily[] = ['running', 'pending', 'failed', 'cancelled', 'completed'];

/** A cluster's share of the person's queue, by state, with the way to the full list in Jobs. */
export function ClusterJobsSummary({ cluster }: { cluster: string }) {
  const queue = useClusterQueue(cluster);
  const { counts, foreign } = useMemo(() => {
    const byFamily = new Map<JobStateFamily, number>();
    let others = 0;
    for (const job of queue.rows.values()) {
      const family = jobStateFamily(job.state);
      byFamily.set(family, (byFamily.get(family) ?? 0) + 1);
      if (job.appJobId === null) others += 1;
    }
    return { counts: byFamily, foreign: others };
  }, [queue.rows]);
  const total = queue.rows.size;
  const parts = order.filter((family) => (counts.get(family) ?? 0) > 0).map((family) => `${counts.get(family)} ${familyWords[family]}`);

  return (
    <div className="cluster-jobs-summary" data-testid={`cluster-jobs-${cluster}`}>
      <span>
        {queue.status === null && queue.loading
          ? 'Reading your jobs here…'
          : total === 0
            ? 'None of your jobs are here.'
            : `${total.toLocaleString()} of your jobs here: ${parts.join(', ')}${foreign > 0 ? ` (${foreign.toLocaleString()} from outside the app)` : ''}.`}
      </span>
      {total > 0 && (
        <Button
          className="button button-small"
          onPress={() => {
            useJobsTableStore.getState().setFilters({ ...noFilters, cluster });
            useNavigationStore.getState().showView('jobs');
          }}
          data-testid={`show-cluster-jobs-${cluster}`}
        >
          Show in Jobs
        </Button>
      )}
      <QueueNotes cluster={cluster} />
    </div>
  );
}
