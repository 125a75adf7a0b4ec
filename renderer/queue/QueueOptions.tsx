import { memo } from 'react';
import { Button, Switch } from 'react-aria-components';
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

/** How much of the clusters' queues the table lists: finished jobs since when, and arrays task by task (placed among the filters). */
export const QueueOptions = memo(function QueueOptions({ client }: { client: ContractClient }) {
  const history = useQueueStore((state) => state.history);
  const unroll = useQueueStore((state) => state.unroll);
  return (
    <>
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
    </>
  );
});

/** Reads every watched queue now instead of at the next refresh. */
export const ReadQueuesButton = memo(function ReadQueuesButton({ client }: { client: ContractClient }) {
  const reading = useQueueStore((state) => Object.values(state.byCluster).some((queue) => queue.loading));
  return (
    <Button
      className="button button-small"
      isDisabled={reading}
      onPress={() => {
        const store = useQueueStore.getState();
        for (const cluster of store.watched) void store.list(client, cluster, true);
      }}
      data-testid="queue-refresh"
    >
      {reading ? 'Reading queues…' : 'Read queues now'}
    </Button>
  );
});
