import { Label, Radio, RadioGroup } from 'react-aria-components';
import { checkArrayRange, readArrayItems } from './buildJobSpec';
import { FormTextField } from './FormTextField';
import { type ArrayMode, type FieldErrors, type ItemsFormat, useSubmitFormStore } from './submitFormStore';

const modes: { value: ArrayMode; label: string }[] = [
  { value: 'none', label: 'No array' },
  { value: 'range', label: 'Range' },
  { value: 'items', label: 'Items' },
];

/** One job or many: a Slurm index range, or one task per pasted item (JSON array or CSV rows). */
export function ArrayFields({ errors }: { errors: FieldErrors }) {
  const fields = useSubmitFormStore((state) => state.fields);
  const setField = useSubmitFormStore((state) => state.setField);
  const setArrayMode = useSubmitFormStore((state) => state.setArrayMode);
  const setItemsFormat = useSubmitFormStore((state) => state.setItemsFormat);
  const items = fields.arrayMode === 'items' && fields.arrayItems.trim() !== '' ? readArrayItems(fields) : null;
  return (
    <fieldset className="form-section">
      <legend className="form-section-title">Array</legend>
      <RadioGroup
        className="segmented-field"
        orientation="horizontal"
        value={fields.arrayMode}
        onChange={(value) => {
          const mode = modes.find((known) => known.value === value);
          if (mode) setArrayMode(mode.value);
        }}
        aria-label="Run as an array"
      >
        <div className="segmented">
          {modes.map((mode) => (
            <Radio key={mode.value} value={mode.value} className="segmented-option" data-testid={`array-${mode.value}`}>
              {mode.label}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {fields.arrayMode === 'range' && (
        <FormTextField
          label="Array range"
          description="Task indices with an optional %max running at once: 0-99%10, 1,3,5-9:2."
          value={fields.arrayRange}
          onChange={(value) => setField('arrayRange', value)}
          error={(fields.arrayRange.trim() === '' ? null : checkArrayRange(fields.arrayRange)) ?? errors.arrayRange}
          placeholder="0-99%10"
          mono
          testId="field-array-range"
        />
      )}
      {fields.arrayMode === 'items' && (
        <>
          <RadioGroup
            className="segmented-field"
            orientation="horizontal"
            value={fields.itemsFormat}
            onChange={(value) => {
              if (value === 'json' || value === 'csv') setItemsFormat(value satisfies ItemsFormat);
            }}
          >
            <Label className="form-label">Items as</Label>
            <div className="segmented">
              <Radio value="json" className="segmented-option" data-testid="items-json">
                JSON array
              </Radio>
              <Radio value="csv" className="segmented-option" data-testid="items-csv">
                CSV
              </Radio>
            </div>
          </RadioGroup>
          <FormTextField
            label="Array items"
            description={
              fields.itemsFormat === 'csv'
                ? 'A header row, then one row per task; each row reaches the task as an object of its columns.'
                : 'A JSON array; each element goes to one task.'
            }
            value={fields.arrayItems}
            onChange={(value) => setField('arrayItems', value)}
            error={(items && !items.ok ? items.message : undefined) ?? errors.arrayItems}
            placeholder={fields.itemsFormat === 'csv' ? 'sample,threshold\nA,0.5\nB,0.7' : '[{"sample": "A"}, {"sample": "B"}]'}
            multiline
            mono
            rows={5}
            testId="field-array-items"
          />
          <div className="form-row">
            <FormTextField
              label="At most running"
              description="Optional: how many tasks may run at once."
              value={fields.arrayMaxParallel}
              onChange={(value) => setField('arrayMaxParallel', value)}
              error={errors.arrayMaxParallel}
              testId="field-array-max"
            />
            <p className="form-hint array-count" data-testid="array-item-count" aria-live="polite">
              {items?.ok ? `${items.items.length} task${items.items.length === 1 ? '' : 's'}` : ''}
            </p>
          </div>
        </>
      )}
    </fieldset>
  );
}
