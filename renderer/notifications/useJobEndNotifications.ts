import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { useNavigationStore } from '../app/navigationStore';
import { onJobsListing, useJobsStore } from '../jobs/jobsStore';
import { useSettingsStore } from '../settings/settingsStore';
import { describeJobEnd } from './describeJobEnd';
import { JobEndWatcher } from '../../shared/jobs/jobEndWatcher';
import { notificationPermission } from './notificationPermission';

function notify(job: JobSummary): void {
  // The setting is read at the moment a job ends, so switching it off takes effect at once.
  if (!useSettingsStore.getState().settings?.notifyOnJobEnd || notificationPermission() !== 'granted') return;
  const { title, body } = describeJobEnd(job);
  const notification = new Notification(title, { body, tag: `slurmdesk-job-${job.id}` });
  notification.onclick = () => {
    window.focus();
    useNavigationStore.getState().showView('jobs');
  };
}

/** For the whole window: a desktop notification when a job this window saw running ends. */
export function useJobEndNotifications(client: ContractClient): void {
  useEffect(() => {
    const watcher = new JobEndWatcher();
    const unsubscribe = client.on('jobs.changed', ({ jobs }) => watcher.changed(jobs).forEach(notify));
    // Every job tracked at load, as the jobs list reads it page by page, so none of them is
    // mistaken for one that just ended. Without the whole list nothing is announced: better
    // silent than announcing old jobs.
    let listed: JobSummary[] = [];
    let seeded = false;
    const seed = (jobs: readonly JobSummary[]) => {
      seeded = true;
      listed = [];
      watcher.seed(jobs).forEach(notify);
    };
    const stopListening = onJobsListing((event) => {
      if (seeded) return;
      if (event.kind === 'page') listed.push(...event.jobs);
      else if (event.kind === 'done') seed(listed);
      else listed = [];
    });
    // Read before this window watched (a new connection reads it again, and is followed above).
    if (useJobsStore.getState().listed && !useJobsStore.getState().loading) seed(useJobsStore.getState().jobs);
    return () => {
      unsubscribe();
      stopListening();
    };
  }, [client]);
}
