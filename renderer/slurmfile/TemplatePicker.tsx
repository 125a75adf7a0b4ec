import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';
import { applyTemplate } from './projectActions';
import { useSlurmfileStore } from './slurmfileStore';

const kindText = { script: 'script', python: 'Python' } as const;

/** A trusted Slurmfile's templates; choosing one fills the form below from it. */
export function TemplatePicker({ client, view }: { client: ContractClient; view: SlurmfileView }) {
  const template = useSlurmfileStore((state) => state.template);
  const busy = useSlurmfileStore((state) => state.busy);
  if (view.templates.length === 0) {
    return <p className="form-hint project-no-templates">This environment has no templates.</p>;
  }
  return (
    <Select
      className="form-field project-template"
      value={template}
      placeholder="Choose a template…"
      isDisabled={busy !== null}
      onChange={(key) => {
        if (typeof key === 'string') void applyTemplate(client, view, key);
      }}
      data-testid="project-template"
    >
      <Label className="form-label">Template</Label>
      <Button className="form-input select-button">
        {/* The option's description is for the list; the closed picker names the template only. */}
        <SelectValue>{({ isPlaceholder, selectedText, defaultChildren }) => (isPlaceholder ? defaultChildren : selectedText)}</SelectValue>
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Text slot="description" className="form-hint">
        Fills the form below; what you change there is what is sent.
      </Text>
      <Popover className="select-popover">
        <ListBox className="select-list" items={view.templates.map((entry) => ({ ...entry, id: entry.name }))}>
          {(item) => (
            <ListBoxItem id={item.id} className="select-option template-option" textValue={item.name} data-testid={`template-${item.name}`}>
              <span className="template-option-name">
                {item.name} <span className="template-option-kind">({kindText[item.kind]})</span>
              </span>
              <span className="template-option-detail">{item.description ?? item.summary}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
