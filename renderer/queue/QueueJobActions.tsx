import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { JobDetail } from '../../shared/queue/jobDetail';
import { jobSignals, type JobSignal, type QueueAction } from '../../shared/queue/queueControl';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { FilterSelect } from '../jobs/JobsFilters';
import { controlAvailability, type ControlName } from './controlAvailability';
import { UpdateJobForm } from './UpdateJobForm';

const endJob = 'end';
const controlLabels: Record<ControlName, string> = { cancel: 'Cancel', hold: 'Hold', release: 'Release', requeue: 'Requeue', update: 'Change' };
const pastTense: Record<QueueAction, string> = { cancel: 'cancel', hold: 'hold', release: 'release', requeue: 'requeue' };

type Props = { client: ContractClient; job: JobDetail; onChanged: () => void };

/**
 * Cancel (or only signal), hold, release, requeue and change a job from the queue, whoever
 * submitted it. Cancel and requeue ask first; a control Slurm would refuse is disabled and the
 * reason is listed under the buttons.
 */
export function QueueJobActions({ client, job, onChanged }: Props) {
  const [signal, setSignal] = useState<string>(endJob);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const whyId = useId();
  const available = controlAvailability(job);
  const refused = (Object.entries(available) as [ControlName, (typeof available)[ControlName]][]).flatMap(([control, state]) => (state.allowed ? [] : [{ control, why: state.why }]));

  async function control(action: QueueAction, send?: JobSignal) {
    setBusy(true);
    try {
      const { outcomes } = await client.call('queue.control', { cluster: job.cluster, slurmIds: [job.slurmId], action, ...(send ? { signal: send } : {}) });
      const answer = outcomes[0];
      if (answer && !answer.ok) throw new Error(answer.message ?? `Slurm refused to ${pastTense[action]} ${job.slurmId}.`);
      setOutcome({ ok: true, text: send ? `Sent SIG${send} to ${job.slurmId}.` : `Asked Slurm to ${pastTense[action]} ${job.slurmId}.` });
      onChanged();
    } finally {
      setBusy(false);
    }
  }

  /** Hold and release need no confirmation (each undoes the other), so their errors show here. */
  async function plainControl(action: 'hold' | 'release') {
    try {
      await control(action);
    } catch (error) {
      reportIfDisconnected(error);
      setOutcome({ ok: false, text: error instanceof Error ? error.message : `The job could not be ${action === 'hold' ? 'held' : 'released'}.` });
    }
  }

  const describedBy = refused.length > 0 ? whyId : undefined;
  return (
    <section className="queue-actions" aria-label="Control this job" data-testid="queue-actions">
      <div className="queue-actions-buttons">
        <ConfirmActionButton
          trigger={{ label: 'Cancel…', className: 'button button-danger button-small', testId: 'queue-cancel', isDisabled: !available.cancel.allowed || busy, ...(describedBy ? { describedBy } : {}) }}
          title={signal === endJob ? `Cancel ${job.name}?` : `Send SIG${signal} to ${job.name}?`}
          body={
            <>
              <FilterSelect
                label="How"
                testId="queue-cancel-signal"
                value={signal}
                options={[{ id: endJob, label: 'End the job (scancel)' }, ...jobSignals.map((name) => ({ id: name, label: `Only send SIG${name}` }))]}
                onChange={setSignal}
              />
              <p>
                {signal === endJob
                  ? `Slurm stops job ${job.slurmId}. Output written so far is kept.`
                  : `The job's shell and steps receive SIG${signal} and decide themselves what to do, as with kill.`}
              </p>
            </>
          }
          keepLabel="Keep it"
          confirmLabel={signal === endJob ? 'Cancel job' : `Send SIG${signal}`}
          testIds={{ dialog: 'queue-cancel-dialog', confirm: 'queue-confirm-cancel' }}
          failureMessage="The job could not be cancelled."
          onConfirm={() => control('cancel', signal === endJob ? undefined : (signal as JobSignal))}
        />
        <Button className="button button-small" isDisabled={!available.hold.allowed || busy} aria-describedby={describedBy} onPress={() => void plainControl('hold')} data-testid="queue-hold">
          Hold
        </Button>
        <Button className="button button-small" isDisabled={!available.release.allowed || busy} aria-describedby={describedBy} onPress={() => void plainControl('release')} data-testid="queue-release">
          Release
        </Button>
        <ConfirmActionButton
          trigger={{ label: 'Requeue…', className: 'button button-small', testId: 'queue-requeue', isDisabled: !available.requeue.allowed || busy, ...(describedBy ? { describedBy } : {}) }}
          title={`Requeue ${job.name}?`}
          body={<p>Slurm stops job {job.slurmId} if it runs and puts it back in the queue; it starts again from the beginning, and its output files may be overwritten.</p>}
          keepLabel="Leave it"
          confirmLabel="Requeue"
          testIds={{ dialog: 'queue-requeue-dialog', confirm: 'queue-confirm-requeue' }}
          failureMessage="The job could not be requeued."
          onConfirm={() => control('requeue')}
        />
        <Button className="button button-small" isDisabled={!available.update.allowed} aria-describedby={describedBy} aria-expanded={editing} onPress={() => setEditing(!editing)} data-testid="queue-edit">
          Change…
        </Button>
      </div>
      {refused.length > 0 && (
        <ul id={whyId} className="queue-actions-why form-hint" data-testid="queue-actions-why">
          {refused.map(({ control: name, why }) => (
            <li key={name}>
              <strong>{controlLabels[name]}:</strong> {why}
            </li>
          ))}
        </ul>
      )}
      <p className={outcome?.ok === false ? 'form-error' : 'form-hint'} role="status" data-testid="queue-action-outcome">
        {outcome?.text}
      </p>
      {editing && available.update.allowed && (
        <UpdateJobForm
          client={client}
          job={job}
          onClose={() => setEditing(false)}
          onDone={(message) => {
            setEditing(false);
            setOutcome({ ok: true, text: message });
            onChanged();
          }}
        />
      )}
    </section>
  );
}
