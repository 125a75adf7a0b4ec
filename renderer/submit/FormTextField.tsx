import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';

type FormTextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  description?: string;
  placeholder?: string;
  multiline?: boolean;
  mono?: boolean;
  rows?: number;
  isReadOnly?: boolean;
  /** Disabled fields say why in their description. */
  isDisabled?: boolean;
  testId: string;
};

/** A labelled text field whose description and error are tied to the input for screen readers. */
export function FormTextField({ label, value, onChange, error, description, placeholder, multiline, mono, rows, isReadOnly, isDisabled, testId }: FormTextFieldProps) {
  const inputClass = `form-input${mono ? ' mono' : ''}`;
  return (
    <TextField className="form-field" value={value} onChange={onChange} isInvalid={error !== undefined} isReadOnly={isReadOnly ?? false} isDisabled={isDisabled ?? false} data-testid={testId}>
      <Label className="form-label">{label}</Label>
      {multiline ? (
        <TextArea className={`${inputClass} form-textarea`} rows={rows ?? 4} placeholder={placeholder} spellCheck={false} />
      ) : (
        <Input className={inputClass} placeholder={placeholder} spellCheck={false} />
      )}
      {description && (
        <Text slot="description" className="form-hint">
          {description}
        </Text>
      )}
      <FieldError className="form-error" data-testid={`${testId}-error`}>
        {error}
      </FieldError>
    </TextField>
  );
}
