import type { ComponentType } from 'react';
import { ClustersView } from '../clusters/ClustersView';
import { FilesView } from '../files/FilesView';
import { JobsView } from '../jobs/JobsView';
import { SettingsView } from '../settings/SettingsView';
import { SubmitView } from '../submit/SubmitView';
import { InteractiveView } from '../terminal/InteractiveView';
import type { IconName } from '../theme/Icon';
import type { ViewId } from './navigationStore';

export type AppView = { id: ViewId; label: string; icon: IconName; Component: ComponentType };

/** The main views, in navigation order. */
export const appViews: readonly AppView[] = [
  { id: 'clusters', label: 'Clusters', icon: 'clusters', Component: ClustersView },
  { id: 'submit', label: 'Submit', icon: 'submit', Component: SubmitView },
  { id: 'jobs', label: 'Jobs', icon: 'jobs', Component: JobsView },
  { id: 'interactive', label: 'Interactive', icon: 'terminal', Component: InteractiveView },
  { id: 'files', label: 'Files', icon: 'files', Component: FilesView },
  { id: 'settings', label: 'Settings', icon: 'settings', Component: SettingsView },
];
