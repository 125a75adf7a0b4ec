import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import type { PartitionOverview } from '../../shared/clusters/partitionOverview';
import { useSubmitFormStore } from './submitFormStore';

function describePartition(partition: PartitionOverview): string {
  const gpus = partition.gpus.total > 0 ? `, ${partition.gpus.free}/${partition.gpus.total} GPUs free` : '';
  return `up to ${partition.timeLimit}; ${partition.cpus.idle}/${partition.cpus.total} CPUs free${gpus}`;
}

type PartitionFieldProps = {
  partitions: readonly PartitionOverview[];
  loading: boolean;
  error: string | undefined;
};

/** The cluster's partitions to pick from, with room and limits; any other name may still be typed. */
export function PartitionField({ partitions, loading, error }: PartitionFieldProps) {
  const partition = useSubmitFormStore((state) => state.fields.partition);
  const setField = useSubmitFormStore((state) => state.setField);
  const chosen = partitions.find((known) => known.name === partition);
  const fallback = partitions.find((known) => known.isDefault);
  let hint = 'Optional: the cluster’s default partition when empty.';
  if (chosen) hint = `${chosen.name}: ${describePartition(chosen)}.`;
  else if (partition === '' && fallback) hint = `Empty: the default, ${fallback.name} (${describePartition(fallback)}).`;
  else if (loading) hint = 'Reading the cluster’s partitions…';
  return (
    <ComboBox
      className="form-field"
      allowsCustomValue
      inputValue={partition}
      onInputChange={(value) => setField('partition', value)}
      onSelectionChange={(key) => {
        if (typeof key === 'string') setField('partition', key);
      }}
      defaultItems={partitions}
      isInvalid={error !== undefined}
      data-testid="field-partition"
    >
      <Label className="form-label">Partition</Label>
      <div className="combo-input">
        <Input className="form-input" spellCheck={false} />
        <Button className="combo-button" aria-label="Show partitions">
          ▾
        </Button>
      </div>
      <Text slot="description" className="form-hint">
        {hint}
      </Text>
      <FieldError className="form-error" data-testid="field-partition-error">
        {error}
      </FieldError>
      <Popover className="select-popover">
        <ListBox className="select-list" renderEmptyState={() => <p className="select-empty">No partition by that name: it is sent as typed.</p>}>
          {(item: PartitionOverview) => (
            <ListBoxItem id={item.name} textValue={item.name} className="select-option partition-option">
              <span className="mono">
                {item.name}
                {item.isDefault ? ' (default)' : ''}
              </span>
              <span className="partition-option-facts">{describePartition(item)}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
