import { FormTextField } from './FormTextField';
import { type FieldErrors, useSubmitFormStore } from './submitFormStore';

export function ScriptTaskFields({ errors }: { errors: FieldErrors }) {
  const body = useSubmitFormStore((state) => state.fields.body);
  const setField = useSubmitFormStore((state) => state.setField);
  return (
    <FormTextField
      label="Script"
      description="The body of a bash script; Slurm Desk adds the #SBATCH lines."
      value={body}
      onChange={(value) => setField('body', value)}
      error={errors.body}
      placeholder={'echo "hello from $(hostname)"'}
      multiline
      mono
      rows={8}
      testId="field-body"
    />
  );
}
