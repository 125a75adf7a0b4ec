import { checkArgs, checkKwargs } from './buildJobSpec';
import { FormTextField } from './FormTextField';
import { type FieldErrors, useSubmitFormStore } from './submitFormStore';

/** A module target with JSON arguments; the JSON is checked as it is typed. */
export function PythonTaskFields({ errors }: { errors: FieldErrors }) {
  const fields = useSubmitFormStore((state) => state.fields);
  const setField = useSubmitFormStore((state) => state.setField);
  return (
    <>
      <FormTextField
        label="Module target"
        description="package.module:function, importable from the job's folder or site-packages. File targets (path/file.py:function) are submitted from the CLI for now."
        value={fields.target}
        onChange={(value) => setField('target', value)}
        error={errors.target}
        placeholder="mypackage.train:main"
        mono
        testId="field-target"
      />
      <div className="form-row">
        <FormTextField
          label="Args"
          description="A JSON list of positional arguments."
          value={fields.args}
          onChange={(value) => setField('args', value)}
          error={checkArgs(fields.args) ?? errors.args}
          multiline
          mono
          rows={3}
          testId="field-args"
        />
        <FormTextField
          label="Kwargs"
          description="A JSON object of keyword arguments."
          value={fields.kwargs}
          onChange={(value) => setField('kwargs', value)}
          error={checkKwargs(fields.kwargs) ?? errors.kwargs}
          multiline
          mono
          rows={3}
          testId="field-kwargs"
        />
      </div>
    </>
  );
}
