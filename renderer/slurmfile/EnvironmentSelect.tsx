import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';
import { openProject } from './projectActions';
import { useSlurmfileStore } from './slurmfileStore';

/** The Slurmfile's environments; choosing one reads the file again for it. */
export function EnvironmentSelect({ client, view }: { client: ContractClient; view: SlurmfileView }) {
  const busy = useSlurmfileStore((state) => state.busy);
  const items = view.environments.map((name) => ({ id: name }));
  return (
    <Select
      className="form-field project-environment"
      value={view.chosen}
      placeholder="No environment"
      isDisabled={busy !== null || items.length === 0}
      onChange={(key) => {
        if (typeof key === 'string' && key !== view.chosen) void openProject(client, view.file, key);
      }}
      data-testid="project-environment"
    >
      <Label className="form-label">Environment</Label>
      <Button className="form-input select-button">
        <SelectValue />
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Popover className="select-popover">
        <ListBox className="select-list" items={items}>
          {(item) => (
            <ListBoxItem id={item.id} className="select-option" textValue={item.id}>
              {item.id}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
