import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { JobDetail } from '../../shared/queue/jobDetail';
import { AppError } from '../../shared/errors';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { FormTextField } from '../submit/FormTextField';
import { updateFieldAvailability, type UpdateField } from './controlAvailability';
import { formFromJob, updateChanges, updateFieldForPath, updateLabels, type UpdateErrors, type UpdateForm } from './updateChanges';

const fields: { field: UpdateField; hint: string; mono?: boolean }[] = [
  { field: 'timeLimit', hint: 'Down only: 30, 1:30:00, 1-00:00:00', mono: true },
  { field: 'name', hint: '' },
  { field: 'partition', hint: '', mono: true },
  { field: 'dependency', hint: 'afterok:123, afterany:12:13 — empty removes it', mono: true },
  { field: 'nice', hint: '0 to 10000; higher lets others go first', mono: true },
];

type Props = { client: ContractClient; job: JobDetail; onDone: (message: string) => void; onClose: () => void };

/** What `scontrol update` lets a user change, each field checked in words before anything is sent. */
export function UpdateJobForm({ client, job, onDone, onClose }: Props) {
  const [initial] = useState(() => formFromJob(job));
  const [form, setForm] = useState<UpdateForm>(initial);
  const [errors, setErrors] = useState<UpdateErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const availability = updateFieldAvailability(job.state);

  async function save() {
    const { changes, errors: found } = updateChanges(form, initial, job.timeLimitSeconds);
    setErrors(found);
    setFailure(null);
    if (!changes) {
      if (Object.keys(found).length === 0) setFailure('Nothing changed yet: edit a field first.');
      return;
    }
    setBusy(true);
    try {
      const outcome = await client.call('queue.update', { cluster: job.cluster, slurmId: job.slurmId, changes });
      if (outcome.ok) onDone(`Slurm changed ${Object.keys(changes).map((field) => updateLabels[field as UpdateField].toLowerCase()).join(', ')} of ${job.slurmId}.`);
      else setFailure(outcome.message ?? `Slurm refused the change to ${job.slurmId}.`);
    } catch (error) {
      reportIfDisconnected(error);
      const byField: UpdateErrors = {};
      if (error instanceof AppError) {
        for (const detail of error.details ?? []) {
          const field = updateFieldForPath(detail.path);
          if (field && byField[field] === undefined) byField[field] = detail.message;
        }
      }
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFailure(error instanceof Error ? error.message : 'The job could not be changed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form
      className="queue-update"
      aria-label={`Change ${job.name}`}
      data-testid="queue-update-form"
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="queue-update-fields">
        {fields.map(({ field, hint, mono }) => {
          const available = availability[field];
          return (
            <FormTextField
              key={field}
              label={updateLabels[field]}
              value={form[field]}
              onChange={(value) => {
                setForm((current) => ({ ...current, [field]: value }));
                // A problem goes as soon as its field is edited; the next save checks again.
                setErrors(({ [field]: _gone, ...rest }) => rest);
              }}
              error={errors[field]}
              description={available.allowed ? hint || undefined : available.why}
              isDisabled={!available.allowed}
              mono={mono ?? false}
              testId={`queue-update-${field}`}
            />
          );
        })}
      </div>
      {failure && (
        <p className="form-error" role="alert" data-testid="queue-update-failure">
          {failure}
        </p>
      )}
      <div className="queue-update-actions">
        <Button className="button" onPress={onClose}>
          Close
        </Button>
        <Button type="submit" className="button button-primary" isDisabled={busy} data-testid="queue-update-save">
          {busy ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </Form>
  );
}
