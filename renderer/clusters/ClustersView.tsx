import { ViewPlaceholder } from '../app/ViewPlaceholder';

export function ClustersView() {
  return (
    <ViewPlaceholder title="Clusters" icon="clusters">
      The Slurm clusters you connect to over SSH will appear here. “This computer” is always available, so you
      can run jobs before you set up any cluster.
    </ViewPlaceholder>
  );
}
