import { useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { AppError, type ErrorDetail } from '../../shared/errors';
import { useNavigationStore } from '../app/navigationStore';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useClusterOverviewStore } from '../clusterOverview/clusterOverviewStore';
import { useJobsStore } from '../jobs/jobsStore';
import { submitJob } from '../slurmfile/projectActions';
import { buildJobSpec } from './buildJobSpec';
import { fieldErrorsFromDetails } from './fieldErrorsFromAppError';
import { type FieldErrors, type SubmitFields, useSubmitFormStore } from './submitFormStore';

export type SubmitProblems = { message: string; details: ErrorDetail[]; fieldErrors: FieldErrors };
export type Preview = Result<'jobs.preview'>;

const noProblems: SubmitProblems = { message: '', details: [], fieldErrors: {} };

function problemsFrom(error: unknown): SubmitProblems {
  reportIfDisconnected(error);
  if (error instanceof AppError) {
    const details = error.details ?? [];
    return { message: error.message, details, fieldErrors: fieldErrorsFromDetails(details) };
  }
  return { message: 'Slurm Desk could not do that, and gave no reason.', details: [], fieldErrors: {} };
}

/** Preview and Submit: client-side checks first (nothing is sent if they fail), then the contract. */
export function useSubmitActions(client: ContractClient) {
  const [busy, setBusy] = useState<'preview' | 'submit' | null>(null);
  const [problems, setProblems] = useState<SubmitProblems>(noProblems);
  // A preview belongs to the fields it was made from: once they change, it is no longer the truth.
  const [preview, setPreview] = useState<{ of: SubmitFields; preview: Preview } | null>(null);
  const fields = useSubmitFormStore((state) => state.fields);

  async function run(action: 'preview' | 'submit') {
    const current = useSubmitFormStore.getState().fields;
    const partitions = useClusterOverviewStore.getState().byCluster[current.cluster]?.overview?.partitions ?? [];
    const built = buildJobSpec(current, { partitions });
    if (!built.ok) {
      const details = Object.entries(built.errors).map(([path, message]) => ({ path, message }));
      setProblems({ message: 'Fix the highlighted fields: nothing was sent.', details, fieldErrors: built.errors });
      return;
    }
    setBusy(action);
    setProblems(noProblems);
    try {
      if (action === 'preview') {
        setPreview({ of: current, preview: await client.call('jobs.preview', { spec: built.spec }) });
      } else {
        const job = await submitJob(client, built.spec);
        useJobsStore.getState().merge([job]);
        useJobsStore.getState().select(job.id);
        useNavigationStore.getState().showView('jobs');
      }
    } catch (error) {
      setProblems(problemsFrom(error));
    } finally {
      setBusy(null);
    }
  }

  return {
    busy,
    problems,
    preview: preview?.of === fields ? preview.preview : null,
    onPreview: () => void run('preview'),
    onSubmit: () => void run('submit'),
  };
}
