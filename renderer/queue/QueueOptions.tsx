import { memo } from 'react';
import { Switch } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { historyWindows, type HistoryWindow } from '../../shared/queue/queueJob';
import { FilterSelect } from '../jobs/JobsFilters';
import { useQueueStore } from './queueStore';

const historyLabels: Record<HistoryWindow, string> = {
  none: 'Not listed',
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

/** How much of the clusters' queues the table lists: finished jobs since when, and arrays task by task. */
export const QueueOptions = memo(function QueueOptions({ client }: { client: ContractClient }) {
  const history = useQueueStore((state) => state.history);
  const unroll = useQueueStore((state) => state.unroll);
  return (
    <div className="queue-options">
      <FilterSelect
        label="Finished"
        testId="queue-history"
        value={history}
        options={historyWindows.map((id) => ({ id, label: historyLabels[id] }))}
        onChange={(value) => useQueueStore.getState().setHistory(client, value as HistoryWindow)}
      />
      <Switch className="switch queue-unroll" isSelected={unroll} onChange={(on) => useQueueStore.getState().setUnroll(client, on)} data-testid="queue-unroll">
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        Array tasks one per row
      </Switch>
    </div>
  );
});
