import { Label, Radio, RadioGroup } from 'react-aria-components';
import { type TaskKind, useSubmitFormStore } from './submitFormStore';

function isTaskKind(value: string): value is TaskKind {
  return value === 'script' || value === 'python';
}

/** Script or Python as a segmented control: a radio group, so arrow keys move between the two. */
export function TaskKindChoice() {
  const kind = useSubmitFormStore((state) => state.fields.kind);
  const setKind = useSubmitFormStore((state) => state.setKind);
  return (
    <RadioGroup
      className="segmented-field"
      orientation="horizontal"
      value={kind}
      onChange={(value) => {
        if (isTaskKind(value)) setKind(value);
      }}
    >
      <Label className="form-label">What to run</Label>
      <div className="segmented">
        <Radio value="script" className="segmented-option" data-testid="kind-script">
          Script
        </Radio>
        <Radio value="python" className="segmented-option" data-testid="kind-python">
          Python
        </Radio>
      </div>
    </RadioGroup>
  );
}
