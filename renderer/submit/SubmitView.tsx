import { ViewPlaceholder } from '../app/ViewPlaceholder';

export function SubmitView() {
  return (
    <ViewPlaceholder title="Submit a job" icon="submit">
      Run a shell script or a Python function as a Slurm job: pick a cluster, the resources it needs, and
      optionally an array or the jobs it should wait for.
    </ViewPlaceholder>
  );
}
