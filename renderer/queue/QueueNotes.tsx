import { useMemo } from 'react';
import { useClustersStore } from '../clusters/clustersStore';
import { useQueueStore } from './queueStore';
import { queueNotes } from './describeQueueNotes';

/** One plain line per cluster whose queue the table cannot show whole (see queueNotes). */
export function QueueNotes({ cluster }: { cluster?: string | null }) {
  const byCluster = useQueueStore((state) => state.byCluster);
  const history = useQueueStore((state) => state.history);
  const builtIn = useClustersStore((state) => state.builtIn);
  const notes = useMemo(() => {
    const statuses = Object.entries(byCluster)
      .filter(([name]) => cluster == null || name === cluster)
      .map(([, queue]) => queue.status);
    return queueNotes(statuses, history !== 'none', new Set(builtIn.map((entry) => entry.name)));
  }, [byCluster, history, cluster, builtIn]);
  if (notes.length === 0) return null;
  return (
    <ul className="queue-notes" data-testid="queue-notes">
      {notes.map((note) => (
        <li key={note.cluster} className="queue-note" data-level={note.level} data-testid={`queue-note-${note.cluster}`}>
          {note.text}
        </li>
      ))}
    </ul>
  );
}
