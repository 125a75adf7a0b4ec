import { ViewPlaceholder } from '../app/ViewPlaceholder';

export function SettingsView() {
  return (
    <ViewPlaceholder title="Settings" icon="settings">
      Here you will choose how host keys are checked, where job folders go on each cluster, and how Slurm Desk
      behaves.
    </ViewPlaceholder>
  );
}
