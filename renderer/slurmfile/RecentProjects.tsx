import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { openProject } from './projectActions';
import { shortPlace } from './projectState';
import { useSlurmfileStore } from './slurmfileStore';

/** Slurmfiles opened before, newest first: one press opens one again. */
export function RecentProjects({ client }: { client: ContractClient }) {
  const recent = useSlurmfileStore((state) => state.recent);
  const busy = useSlurmfileStore((state) => state.busy);
  if (recent.length === 0) return null;
  return (
    <div className="project-recent">
      <h3 className="project-recent-title" id="project-recent-title">
        Recent
      </h3>
      <ul className="project-recent-list" aria-labelledby="project-recent-title" data-testid="recent-slurmfiles">
        {recent.slice(0, 6).map((entry) => (
          <li key={entry.file}>
            <Button
              className="button button-small project-recent-button"
              isDisabled={busy !== null}
              aria-label={`Open ${entry.file}`}
              onPress={() => {
                useSlurmfileStore.getState().setPathInput(entry.file);
                void openProject(client, entry.file);
              }}
            >
              <span className="mono">{shortPlace(entry.file)}</span>
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
