import { Button } from 'react-aria-components';
import type { JobSpec } from '../../shared/jobs/jobSpec';
import { useNavigationStore } from '../app/navigationStore';
import { useSubmitFormStore } from '../submit/submitFormStore';

/** Opens the Submit view filled in from this job, to change what needs changing and send again. */
export function SubmitAgainButton({ spec }: { spec: JobSpec }) {
  return (
    <Button
      className="button"
      data-testid="submit-again"
      onPress={() => {
        useSubmitFormStore.getState().loadSpec(spec);
        useNavigationStore.getState().showView('submit');
      }}
    >
      Submit again…
    </Button>
  );
}
