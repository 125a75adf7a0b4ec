import { isTerminal } from '../../shared/jobs/jobState';
import type { JobDetail } from '../../shared/queue/jobDetail';

export type ControlName = 'cancel' | 'hold' | 'release' | 'requeue' | 'update';
/** A control the person may use now, or why not, in words (a disabled button says why). */
export type Availability = { allowed: true } | { allowed: false; why: string };

type JobFacts = Pick<JobDetail, 'state' | 'reason' | 'source' | 'allowedActions'>;

const yes: Availability = { allowed: true };
const no = (why: string): Availability => ({ allowed: false, why });

function reasonWord(reason: string | null): string {
  return reason?.trim().replace(/^\((.*)\)$/, '$1').split(',')[0]?.trim() ?? '';
}

function stateWords(state: JobDetail['state']): string {
  return state.replaceAll('_', ' ').toLowerCase();
}

/** Why Slurm would refuse a control, guessed from the job's state; the service's list decides whether it is offered. */
function whyNot(control: ControlName, job: JobFacts): string {
  const ended = isTerminal(job.state);
  const held = ['JobHeldUser', 'JobHeldAdmin'].includes(reasonWord(job.reason));
  switch (control) {
    case 'cancel':
      return ended ? 'It has ended: there is nothing to cancel.' : 'Slurm does not let you cancel it now.';
    case 'hold':
      if (held) return 'It is held already.';
      return job.state === 'PENDING' ? 'Slurm does not let you hold it now.' : `Only a waiting job can be held; this one is ${stateWords(job.state)}.`;
    case 'release':
      if (reasonWord(job.reason) === 'JobHeldAdmin') return 'An administrator held it: only your site can release it.';
      return held ? 'Slurm does not let you release it now.' : 'It is not held.';
    case 'requeue':
      if (job.source === 'history') return 'Slurm no longer keeps this job (it ended a while ago): submit it again instead.';
      if (job.state === 'PENDING') return 'It is waiting in the queue already.';
      return 'Slurm does not let you requeue it now (a site may forbid requeueing).';
    case 'update':
      return ended || job.source === 'history' ? 'It has ended: there is nothing left to change.' : 'Slurm does not let you change it now.';
  }
}

/** Every control of a job, each allowed or with the reason it is not (see JobDetail.allowedActions). */
export function controlAvailability(job: JobFacts): Record<ControlName, Availability> {
  const offered = new Set(job.allowedActions);
  // Slurm accepts a hold of a held job and a release of one not held, and does nothing: offer neither.
  const held = ['JobHeldUser', 'JobHeldAdmin'].includes(reasonWord(job.reason));
  const pointless = (control: ControlName) => (control === 'hold' && held) || (control === 'release' && (!held || reasonWord(job.reason) === 'JobHeldAdmin'));
  const of = (control: ControlName) => (offered.has(control) && !pointless(control) ? yes : no(whyNot(control, job)));
  return { cancel: of('cancel'), hold: of('hold'), release: of('release'), requeue: of('requeue'), update: of('update') };
}

export type UpdateField = 'timeLimit' | 'name' | 'partition' | 'dependency' | 'nice';

/**
 * What `scontrol update` lets a user change at this point of the job's life: the time limit and
 * name while it waits or runs; partition, dependency and nice only while it waits (once running,
 * Slurm refuses them).
 */
export function updateFieldAvailability(state: JobDetail['state']): Record<UpdateField, Availability> {
  const pending = state === 'PENDING';
  const whileWaiting = pending ? yes : no(`Only while the job waits; it is ${stateWords(state)}.`);
  const open = isTerminal(state) ? no('It has ended.') : yes;
  return { timeLimit: open, name: open, partition: whileWaiting, dependency: whileWaiting, nice: whileWaiting };
}
