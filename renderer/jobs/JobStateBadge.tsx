import type { JobState } from '../../shared/jobs/jobState';
import { jobStateFamily } from './jobStateFamily';
import './jobStateBadge.css';

/** The state in words on a tinted pill: colour helps scanning, the text carries the meaning. */
export function JobStateBadge({ state }: { state: JobState }) {
  return (
    <span className="job-state-badge" data-family={jobStateFamily(state)} data-testid="job-state">
      {state.replaceAll('_', ' ').toLowerCase()}
    </span>
  );
}
