import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

export type Choice = { id: string; label: string };

/** A labelled pick-one list (a cluster, an app template) for the Interactive view's forms. */
export function ChoiceSelect({ label, value, choices, onChange, testId }: { label: string; value: string; choices: readonly Choice[]; onChange: (id: string) => void; testId: string }) {
  return (
    <Select className="form-field" value={value} onChange={(key) => onChange(String(key))} data-testid={testId}>
      <Label className="form-label">{label}</Label>
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
