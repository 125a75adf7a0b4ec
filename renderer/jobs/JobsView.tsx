import { ViewPlaceholder } from '../app/ViewPlaceholder';

export function JobsView() {
  return (
    <ViewPlaceholder title="Jobs" icon="jobs">
      Jobs you submit will appear here with their state, logs and results, kept up to date while Slurm Desk is
      open.
    </ViewPlaceholder>
  );
}
