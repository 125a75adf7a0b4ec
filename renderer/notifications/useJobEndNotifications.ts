import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { useNavigationStore } from '../app/navigationStore';
import { useSettingsStore } from '../settings/settingsStore';
import { describeJobEnd } from './describeJobEnd';
import { JobEndWatcher } from '../../shared/jobs/jobEndWatcher';
import { notificationPermission } from './notificationPermission';

const listPage = 5000;

/** Every job tracked at load, page by page, so none of them is mistaken for one that just ended. */
async function listAllJobs(client: ContractClient): Promise<JobSummary[]> {
  const all: JobSummary[] = [];
  for (;;) {
    const { jobs, total } = await client.call('jobs.list', { offset: all.length, limit: listPage });
    all.push(...jobs);
    if (jobs.length === 0 || all.length >= total) return all;
  }
}

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
    let active = true;
    const unsubscribe = client.on('jobs.changed', ({ jobs }) => watcher.changed(jobs).forEach(notify));
    listAllJobs(client)
      .then((jobs) => {
        if (active) watcher.seed(jobs).forEach(notify);
      })
      // Without the list nothing is announced: better silent than announcing old jobs.
      .catch(() => undefined);
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client]);
}
