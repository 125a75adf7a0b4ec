import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';
import { containerRuntimes, pythonEnvironments } from '../../shared/jobs/packagingSpec';
import { FormTextField } from './FormTextField';
import { useSubmitFormStore, type FieldErrors } from './submitFormStore';

const environmentLabels: Record<(typeof pythonEnvironments)[number], string> = {
  system: "The cluster's Python (setup lines as given)",
  venv: "A venv of the project's requirements, built once on the cluster",
  wheel: 'That venv plus the project itself, built here as a wheel',
};

function ChoiceField({ label, value, options, onChange, description, testId }: { label: string; value: string; options: { id: string; text: string }[]; onChange: (value: string) => void; description: string; testId: string }) {
  return (
    <Select className="form-field" value={value} onChange={(key) => onChange(String(key))} data-testid={testId}>
      <Label className="form-label">{label}</Label>
      <Button className="form-input select-button">
        <SelectValue />
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Text slot="description" className="form-hint">
        {description}
      </Text>
      <Popover className="select-popover">
        <ListBox className="select-list">
          {options.map((option) => (
            <ListBoxItem key={option.id} id={option.id} className="select-option" textValue={option.text}>
              {option.text}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** What the job runs in: the Python environment built from the shipped project, or a container image. */
export function PackagingFields({ errors }: { errors: FieldErrors }) {
  const fields = useSubmitFormStore((state) => state.fields);
  const setField = useSubmitFormStore((state) => state.setField);
  return (
    <fieldset className="form-section" data-testid="packaging-fields">
      <legend className="form-section-title">Environment</legend>
      <ChoiceField
        label="Python environment"
        value={fields.pythonEnvironment}
        options={pythonEnvironments.map((id) => ({ id, text: environmentLabels[id] }))}
        onChange={(value) => setField('pythonEnvironment', value)}
        description="A venv or wheel needs a project folder under Files from this computer (requirements.txt or pyproject.toml)."
        testId="field-python-environment"
      />
      <ChoiceField
        label="Container runtime"
        value={fields.containerRuntime === '' ? 'none' : fields.containerRuntime}
        options={[{ id: 'none', text: 'No container' }, ...containerRuntimes.map((id) => ({ id, text: id }))]}
        onChange={(value) => setField('containerRuntime', value === 'none' ? '' : value)}
        description="The task runs inside the image with the job folder mounted at its own path."
        testId="field-container-runtime"
      />
      {fields.containerRuntime !== '' && (
        <FormTextField
          label="Image"
          value={fields.containerImage}
          onChange={(value) => setField('containerImage', value)}
          error={errors.containerImage ?? errors.containerRuntime}
          placeholder="localhost/app:1 or /images/app.sif"
          mono
          testId="field-container-image"
        />
      )}
      {errors.pythonEnvironment && <p className="form-error">{errors.pythonEnvironment}</p>}
    </fieldset>
  );
}
