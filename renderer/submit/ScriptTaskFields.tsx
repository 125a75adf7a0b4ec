import { useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import { ScriptEditor } from './ScriptEditor';
import { type FieldErrors, useSubmitFormStore } from './submitFormStore';

const maxScriptBytes = 1024 * 1024;

/** The bash body, typed or read from a file on this computer (its text only: the page never sees its path). */
export function ScriptTaskFields({ errors }: { errors: FieldErrors }) {
  const body = useSubmitFormStore((state) => state.fields.body);
  const sourceFile = useSubmitFormStore((state) => state.fields.sourceFile);
  const setField = useSubmitFormStore((state) => state.setField);
  const [readError, setReadError] = useState<string | null>(null);

  async function readFile(file: File) {
    setReadError(null);
    if (file.size > maxScriptBytes) {
      setReadError(`${file.name} is larger than 1 MiB: too big to submit as a script body`);
      return;
    }
    try {
      setField('body', await file.text());
      setField('sourceFile', file.name);
    } catch {
      setReadError(`${file.name} could not be read`);
    }
  }

  return (
    <div className="script-fields">
      <ScriptEditor
        value={body}
        onChange={(value) => setField('body', value)}
        error={readError ?? errors.body}
        description={
          sourceFile
            ? `Read from ${sourceFile}; edits here are what is submitted. Slurm Desk adds the #SBATCH lines.`
            : 'The body of a bash script; Slurm Desk adds the #SBATCH lines from the fields below.'
        }
      />
      <FileTrigger
        acceptedFileTypes={['.sh', '.bash', '.slurm', '.sbatch', 'text/plain', 'application/x-sh']}
        onSelect={(files) => {
          const file = files?.[0];
          if (file) void readFile(file);
        }}
      >
        <Button className="button button-small script-file-button" data-testid="script-file">
          Open a script file…
        </Button>
      </FileTrigger>
    </div>
  );
}
