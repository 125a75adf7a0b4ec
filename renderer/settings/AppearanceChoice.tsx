import { useState } from 'react';
import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { AppSettingsSchema, type AppSettings } from '../../shared/settings/appSettings';
import { saveSettings } from './saveSettings';

type Appearance = AppSettings['appearance'];
const choices: { id: Appearance; label: string }[] = [
  { id: 'system', label: 'Same as the system' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

/** System, light or dark; saved as soon as it is chosen, and the desktop app's windows follow at once. */
export function AppearanceChoice({ client, appearance }: { client: ContractClient; appearance: Appearance }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <RadioGroup
      className="form-field policy-choice"
      value={appearance}
      onChange={(value) => {
        const parsed = AppSettingsSchema.shape.appearance.safeParse(value);
        if (!parsed.success) return;
        void saveSettings(client, { appearance: parsed.data }).then((outcome) => setProblem(outcome.ok ? null : outcome.message));
      }}
      isInvalid={problem !== null}
      data-testid="appearance"
    >
      <Label className="form-label">Appearance</Label>
      <div className="policy-options">
        {choices.map(({ id, label }) => (
          <Radio key={id} value={id} className="policy-radio" data-testid={`appearance-${id}`}>
            <span className="policy-radio-mark" aria-hidden="true" />
            <span className="policy-radio-text">
              <span className="policy-radio-label">{label}</span>
            </span>
          </Radio>
        ))}
      </div>
      <Text slot="description" className="form-hint">
        In browser mode the page follows the browser&apos;s own light or dark setting.
      </Text>
      {problem && <p className="form-error" role="alert">{problem}</p>}
    </RadioGroup>
  );
}
