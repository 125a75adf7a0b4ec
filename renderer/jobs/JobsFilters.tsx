import { memo } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { QueueOptions } from '../queue/QueueOptions';
import { Button, Input, Label, ListBox, ListBoxItem, Popover, SearchField, Select, SelectValue } from 'react-aria-components';
import { originFilters, stateFilters, type OriginFilter, type StateFilter } from './jobsQuery';
import { useJobsTableStore } from './jobsTableStore';

const stateLabels: Record<StateFilter, string> = {
  all: 'All states',
  active: 'Active (waiting or running)',
  pending: 'Waiting',
  running: 'Running',
  completed: 'Ended OK',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const originLabels: Record<OriginFilter, string> = {
  all: 'Every job',
  app: 'Submitted here',
  other: 'From elsewhere',
};

const allClusters = '*';

/**
 * Narrow the list by cluster, state family, source and free text (id, Slurm id, name, reason), and
 * choose how much of the queues is listed. Memoized:
 * the view renders on every batch of job changes, the filters only when the clusters do.
 */
export const JobsFilters = memo(function JobsFilters({ client, clusters }: { client: ContractClient; clusters: readonly string[] }) {
  const filters = useJobsTableStore((state) => state.filters);
  const setFilters = useJobsTableStore((state) => state.setFilters);
  return (
    <div className="jobs-filters" role="search" aria-label="Filter jobs">
      <SearchField className="form-field jobs-filter-text" value={filters.text} onChange={(text) => setFilters({ text })} data-testid="jobs-filter-text">
        <Label className="form-label">Find</Label>
        <Input className="form-input" placeholder="Id, name or reason" />
      </SearchField>
      <FilterSelect
        label="State"
        testId="jobs-filter-state"
        value={filters.state}
        options={stateFilters.map((id) => ({ id, label: stateLabels[id] }))}
        onChange={(state) => setFilters({ state: state as StateFilter })}
      />
      <FilterSelect
        label="Cluster"
        testId="jobs-filter-cluster"
        value={filters.cluster ?? allClusters}
        options={[{ id: allClusters, label: 'All clusters' }, ...clusters.map((id) => ({ id, label: id }))]}
        onChange={(cluster) => setFilters({ cluster: cluster === allClusters ? null : cluster })}
      />
      <FilterSelect
        label="Source"
        testId="jobs-filter-origin"
        value={filters.origin}
        options={originFilters.map((id) => ({ id, label: originLabels[id] }))}
        onChange={(origin) => setFilters({ origin: origin as OriginFilter })}
      />
      <QueueOptions client={client} />
    </div>
  );
});

type FilterSelectProps = { label: string; testId: string; value: string; options: { id: string; label: string }[]; onChange: (value: string) => void };

/** A labelled choice of a few values, as the filters show them (the queue's options use it too). */
export function FilterSelect({ label, testId, value, options, onChange }: FilterSelectProps) {
  return (
    <Select className="form-field jobs-filter-select" value={value} onChange={(key) => key !== null && onChange(String(key))} data-testid={testId}>
      <Label className="form-label">{label}</Label>
      <Button className="form-input select-button">
        <SelectValue>{({ selectedText }) => selectedText}</SelectValue>
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Popover className="select-popover">
        <ListBox className="select-list">
          {options.map((option) => (
            <ListBoxItem key={option.id} id={option.id} className="select-option" data-testid={`${testId}-${option.id}`}>
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
