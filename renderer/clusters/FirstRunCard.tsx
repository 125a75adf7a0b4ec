import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { useNavigationStore } from '../app/navigationStore';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useJobsStore } from '../jobs/jobsStore';

/**
 * Shown while no cluster has been added: This computer is ready, so the first thing a person can
 * do is run the bundled example and see a result, before learning anything about SSH.
 */
export function FirstRunCard({ client }: { client: ContractClient }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function runExample() {
    setBusy(true);
    setProblem(null);
    try {
      const { examples } = await client.call('app.examples', {});
      const example = examples[0];
      if (!example) throw new Error('This build has no example job.');
      const job = await client.call('jobs.submit', { spec: example.spec });
      useJobsStore.getState().merge([job]);
      useJobsStore.getState().select(job.id);
      useNavigationStore.getState().showView('jobs');
    } catch (error) {
      reportIfDisconnected(error);
      setProblem(error instanceof Error ? error.message : 'The example could not be submitted.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="first-run-card" aria-labelledby="first-run-title" data-testid="first-run-card">
      <h2 className="section-title" id="first-run-title">
        This computer is ready
      </h2>
      <p>
        Jobs can run here right away, without Slurm or an account anywhere. Run the example — a Python function that estimates π — and
        watch its log and result in Jobs. Add your cluster whenever you are ready.
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions first-run-actions">
        <Button className="button button-primary" isDisabled={busy} onPress={() => void runExample()} data-testid="run-example">
          {busy ? 'Submitting…' : 'Run the example'}
        </Button>
      </div>
    </section>
  );
}
