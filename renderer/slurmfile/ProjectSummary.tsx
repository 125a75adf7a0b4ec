import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';
import { EnvironmentSelect } from './EnvironmentSelect';
import { closeProject, openProject } from './projectActions';
import { describeTrust, trustStateOf } from './projectState';
import { SlurmfileProblems } from './SlurmfileProblems';
import { useSlurmfileStore } from './slurmfileStore';
import { TemplatePicker } from './TemplatePicker';
import { TrustDialog } from './TrustDialog';

const badgeText = { trusted: 'Trusted', untrusted: 'Not trusted', invalid: 'Has errors' } as const;

/** The open Slurmfile: where it is, whether it is trusted, its environment and its templates. */
export function ProjectSummary({ client, view }: { client: ContractClient; view: SlurmfileView }) {
  const busy = useSlurmfileStore((state) => state.busy);
  const error = useSlurmfileStore((state) => state.error);
  const state = trustStateOf(view);

  return (
    <div className="project-summary">
      <div className="project-head">
        <span className="mono project-file" data-testid="project-file">
          {view.file}
        </span>
        <span className="trust-badge" data-state={state} data-testid="trust-state">
          {badgeText[state]}
        </span>
        <div className="project-actions">
          <Button className="button button-small" isDisabled={busy !== null} onPress={() => void openProject(client, view.file, view.chosen)} data-testid="reload-project">
            Read again
          </Button>
          <Button className="button button-small" isDisabled={busy !== null} onPress={closeProject} data-testid="close-project">
            Close project
          </Button>
        </div>
      </div>
      <div className="project-row">
        <EnvironmentSelect client={client} view={view} />
        {state === 'trusted' && <TemplatePicker client={client} view={view} />}
      </div>
      <p className="project-trust-note" data-testid="trust-note">
        {describeTrust(view)}
      </p>
      {state === 'untrusted' && view.ignored.length > 0 && (
        <div className="project-ignored" data-testid="project-ignored">
          <p>Not used until you trust this file:</p>
          <ul>
            {view.ignored.map((entry) => (
              <li key={entry}>{entry}</li>
            ))}
          </ul>
        </div>
      )}
      {state === 'untrusted' && <TrustDialog client={client} view={view} />}
      <SlurmfileProblems problems={view.problems} />
      {error && (
        <p className="form-error" role="alert" data-testid="project-error">
          {error}
        </p>
      )}
    </div>
  );
}
