import { checkArgs, checkKwargs } from './buildJobSpec';
import { FormTextField } from './FormTextField';
import { type FieldErrors, useSubmitFormStore } from './submitFormStore';

/** A function to call with JSON arguments; the JSON is checked as it is typed. */
export function PythonTaskFields({ errors }: { errors: FieldErrors }) {
  const fields = useSubmitFormStore((state) => state.fields);
  const setField = useSubmitFormStore((state) => state.setField);
  return (
    <>
      <div className="form-row">
        <FormTextField
          label="Module or file"
          description="package.module, or path/to/file.py inside the job's folder."
          value={fields.pythonModule}
          onChange={(value) => setField('pythonModule', value)}
          error={errors.pythonModule}
          placeholder="mypackage.train"
          mono
          testId="field-module"
        />
        <FormTextField
          label="Function"
          description="Called with the args and kwargs below."
          value={fields.pythonFunction}
          onChange={(value) => setField('pythonFunction', value)}
          error={errors.pythonFunction}
          placeholder="main"
          mono
          testId="field-function"
        />
      </div>
      <div className="form-row">
        <FormTextField
          label="Args"
          description="A JSON array of positional arguments."
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
      <div className="form-row">
        <FormTextField
          label="Interpreter"
          description="Optional: python3 when empty, or an absolute path."
          value={fields.interpreter}
          onChange={(value) => setField('interpreter', value)}
          error={errors.interpreter}
          placeholder="python3"
          mono
          testId="field-interpreter"
        />
        <FormTextField
          label="Setup lines"
          description="Optional, one per line, run first: module load python/3.11."
          value={fields.setup}
          onChange={(value) => setField('setup', value)}
          error={errors.setup}
          multiline
          mono
          rows={2}
          testId="field-setup"
        />
      </div>
    </>
  );
}
