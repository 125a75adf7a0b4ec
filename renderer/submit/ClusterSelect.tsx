import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useSubmitFormStore } from './submitFormStore';

const clusters = [
  { id: 'embedded', label: 'This computer (embedded)' },
  { id: 'local', label: 'Slurm on this computer (local)' },
];

export function ClusterSelect({ error }: { error: string | undefined }) {
  const cluster = useSubmitFormStore((state) => state.fields.cluster);
  const setField = useSubmitFormStore((state) => state.setField);
  return (
    <Select
      className="form-field"
      value={cluster}
      onChange={(key) => {
        if (typeof key === 'string') setField('cluster', key);
      }}
      isInvalid={error !== undefined}
      data-testid="field-cluster"
    >
      <Label className="form-label">Cluster</Label>
      <Button className="form-input select-button">
        <SelectValue />
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <FieldError className="form-error">{error}</FieldError>
      <Popover className="select-popover">
        <ListBox className="select-list" items={clusters}>
          {(item) => (
            <ListBoxItem id={item.id} className="select-option">
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
