import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { useSubmitFormStore } from './submitFormStore';
import { useClusterChoices } from './useClusterChoices';

/** Built-in clusters and saved profiles; choosing a profile fills in its default partition, account and QOS. */
export function ClusterSelect({ client, error }: { client: ContractClient; error: string | undefined }) {
  const cluster = useSubmitFormStore((state) => state.fields.cluster);
  const chooseCluster = useSubmitFormStore((state) => state.chooseCluster);
  const { choices, error: listError } = useClusterChoices(client);
  // A cluster loaded from an earlier job may no longer be saved: still show it.
  const items = choices.some((choice) => choice.id === cluster) ? choices : [...choices, { id: cluster, label: cluster, defaults: {} }];
  return (
    <Select
      className="form-field"
      value={cluster}
      onChange={(key) => {
        const choice = items.find((item) => item.id === key);
        if (choice && choice.id !== cluster) chooseCluster(choice.id, choice.defaults);
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
      {listError && (
        <Text slot="description" className="form-hint">
          Saved clusters could not be listed: {listError}
        </Text>
      )}
      <FieldError className="form-error">{error}</FieldError>
      <Popover className="select-popover">
        <ListBox className="select-list" items={items}>
          {(item) => (
            <ListBoxItem id={item.id} className="select-option" textValue={item.label}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
