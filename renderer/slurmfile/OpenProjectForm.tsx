import { useState } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { openProject } from './projectActions';
import { RecentProjects } from './RecentProjects';
import { useSlurmfileStore } from './slurmfileStore';

/** A typed path: browser mode cannot learn a folder's path from a picker. */
export function OpenProjectForm({ client }: { client: ContractClient }) {
  const pathInput = useSlurmfileStore((state) => state.pathInput);
  const setPathInput = useSlurmfileStore((state) => state.setPathInput);
  const busy = useSlurmfileStore((state) => state.busy);
  const openError = useSlurmfileStore((state) => state.error);
  const [emptyError, setEmptyError] = useState<string | null>(null);
  const error = emptyError ?? openError ?? undefined;

  return (
    <div className="project-open">
      <Form
        className="project-open-form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          const path = pathInput.trim();
          if (path === '') {
            setEmptyError('Type the path of a project folder or of its Slurmfile.');
            return;
          }
          setEmptyError(null);
          void openProject(client, path);
        }}
      >
        <TextField
          className="form-field project-path-field"
          value={pathInput}
          onChange={(value) => {
            setPathInput(value);
            setEmptyError(null);
          }}
          isInvalid={error !== undefined}
          data-testid="project-path"
        >
          <Label className="form-label">Project folder or Slurmfile</Label>
          <Input className="form-input mono" placeholder="/home/me/my-project" spellCheck={false} autoComplete="off" />
          <Text slot="description" className="form-hint">
            A folder with a Slurmfile (or a pyproject.toml with [tool.slurm]), or the file itself. Without one, jobs are submitted as usual.
          </Text>
          <FieldError className="form-error" data-testid="project-path-error">
            {error}
          </FieldError>
        </TextField>
        <Button type="submit" className="button" isDisabled={busy !== null} data-testid="open-project">
          {busy === 'open' ? 'Opening…' : 'Open'}
        </Button>
      </Form>
      <RecentProjects client={client} />
    </div>
  );
}
