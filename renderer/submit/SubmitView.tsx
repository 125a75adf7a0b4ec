import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { useConnectionStore } from '../app/connectionStore';
import { ClusterOverviewPanel } from '../clusterOverview/ClusterOverviewPanel';
import { ProjectBar } from '../slurmfile/ProjectBar';
import { ArrayFields } from './ArrayFields';
import { CarriedOverNote } from './CarriedOverNote';
import { DependencyFields } from './DependencyFields';
import { FormTextField } from './FormTextField';
import { PythonTaskFields } from './PythonTaskFields';
import { ResourceFields } from './ResourceFields';
import { PackagingFields } from './PackagingFields';
import { ScriptPreviewPanel } from './ScriptPreviewPanel';
import { ScriptTaskFields } from './ScriptTaskFields';
import { SubmitProblemSummary } from './SubmitProblemSummary';
import { useSubmitFormStore } from './submitFormStore';
import { TaskKindChoice } from './TaskKindChoice';
import { UploadFields } from './UploadFields';
import { useSubmitActions } from './useSubmitActions';
import { useSubmitShortcut } from './useSubmitShortcut';
import './submit.css';

/** The view is shown only once connected, so the client is there. */
export function SubmitView() {
  const client = useConnectionStore((state) => state.client);
  return client ? <SubmitForm client={client} /> : null;
}

function SubmitForm({ client }: { client: ContractClient }) {
  const kind = useSubmitFormStore((state) => state.fields.kind);
  const name = useSubmitFormStore((state) => state.fields.name);
  const cluster = useSubmitFormStore((state) => state.fields.cluster);
  const setField = useSubmitFormStore((state) => state.setField);
  const { busy, problems, preview, onPreview, onSubmit } = useSubmitActions(client);
  const errors = problems.fieldErrors;
  useSubmitShortcut(busy === null ? onSubmit : null);

  return (
    <div className="submit-view">
      <h1 className="view-title">Submit a job</h1>
      <ProjectBar client={client} />
      <Form
        className="submit-form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
        data-testid="submit-form"
      >
        <TaskKindChoice />
        <FormTextField
          label="Name"
          description="Letters, digits, '_', '.', '+' and '-'; shown in the job list and by squeue."
          value={name}
          onChange={(value) => setField('name', value)}
          error={errors.name}
          placeholder="my-analysis"
          testId="field-name"
        />
        {kind === 'script' ? <ScriptTaskFields errors={errors} /> : <PythonTaskFields errors={errors} />}
        <UploadFields client={client} />
        <PackagingFields errors={errors} />
        <ResourceFields client={client} errors={errors} />
        <ArrayFields errors={errors} />
        <DependencyFields client={client} errors={errors} />
        <CarriedOverNote />
        <SubmitProblemSummary problems={problems} />
        <div className="submit-actions">
          <Button className="button" onPress={onPreview} isDisabled={busy !== null} data-testid="preview-job">
            {busy === 'preview' ? 'Previewing…' : 'Preview'}
          </Button>
          <Button type="submit" className="button button-primary" isDisabled={busy !== null} data-testid="submit-job">
            {busy === 'submit' ? 'Submitting…' : 'Submit'}
          </Button>
        </div>
      </Form>
      <aside className="submit-side">
        <ClusterOverviewPanel client={client} cluster={cluster} />
        {preview && <ScriptPreviewPanel preview={preview} />}
      </aside>
    </div>
  );
}
