import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { useClusterChoices } from '../submit/useClusterChoices';

/** Which cluster a terminal, web app or forward is for: the built-in ones and the saved profiles. */
export function ClusterChoice({ client, value, onChange, testId }: { client: ContractClient; value: string; onChange: (cluster: string) => void; testId: string }) {
  const { choices } = useClusterChoices(client);
  return (
    <Select className="form-field" value={value} onChange={(key) => onChange(String(key))} data-testid={testId}>
      <Label className="form-label">Cluster</Label>
      <Button className="form-input select-button">
        <SelectValue />
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Popover className="select-popover">
        <ListBox className="select-list" items={choices}>
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
