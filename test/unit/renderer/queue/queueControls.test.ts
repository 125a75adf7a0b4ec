import { describe, expect, it } from 'vitest';
import { controlAvailability, updateFieldAvailability } from '../../../../renderer/queue/controlAvailability';
import { formFromJob, updateChanges, updateFieldForPath } from '../../../../renderer/queue/updateChanges';
import { jobDetail } from './queueFixtures';

describe('which controls a job allows, and why not', () => {
  it('allows what the service offers and says why the rest is refused', () => {
    const waiting = controlAvailability(jobDetail());
    expect(waiting.hold).toEqual({ allowed: true });
    expect(waiting.release).toEqual({ allowed: false, why: 'It is not held.' });
    expect(waiting.requeue).toEqual({ allowed: false, why: 'It is waiting in the queue already.' });
  });

  it('names who can release a job an administrator held', () => {
    const held = controlAvailability(jobDetail({ reason: 'JobHeldAdmin', allowedActions: ['cancel'] }));
    expect(held.release).toEqual({ allowed: false, why: 'An administrator held it: only your site can release it.' });
    expect(held.hold).toEqual({ allowed: false, why: 'It is held already.' });
  });

  it('says a running job cannot be held, and an ended one has nothing left to control', () => {
    expect(controlAvailability(jobDetail({ state: 'RUNNING', reason: null, allowedActions: ['cancel'] })).hold).toEqual({
      allowed: false,
      why: 'Only a waiting job can be held; this one is running.',
    });
    const ended = controlAvailability(jobDetail({ state: 'COMPLETED', source: 'history', allowedActions: [] }));
    expect(ended.cancel).toEqual({ allowed: false, why: 'It has ended: there is nothing to cancel.' });
    expect(ended.requeue.allowed).toBe(false);
    expect(ended.requeue).toEqual({ allowed: false, why: 'Slurm no longer keeps this job (it ended a while ago): submit it again instead.' });
    expect(ended.update).toEqual({ allowed: false, why: 'It has ended: there is nothing left to change.' });
  });

  it('lets a running job change only its time limit and name', () => {
    const running = updateFieldAvailability('RUNNING');
    expect(running.timeLimit.allowed && running.name.allowed).toBe(true);
    expect(running.partition).toEqual({ allowed: false, why: 'Only while the job waits; it is running.' });
    expect(running.nice.allowed || running.dependency.allowed).toBe(false);
    expect(Object.values(updateFieldAvailability('PENDING')).every((field) => field.allowed)).toBe(true);
  });
});

describe('the update form', () => {
  const job = jobDetail({ timeLimitSeconds: 7200, name: 'train', partition: 'debug', dependency: 'afterok:12', nice: 0 });
  const initial = formFromJob(job);

  it('starts from what the job has and sends only what was edited', () => {
    expect(initial).toEqual({ timeLimit: '2:00:00', name: 'train', partition: 'debug', dependency: 'afterok:12', nice: '0' });
    expect(updateChanges({ ...initial, timeLimit: '30', nice: '100' }, initial, 7200)).toEqual({ changes: { timeLimit: '30', nice: 100 }, errors: {} });
    expect(updateChanges(initial, initial, 7200)).toEqual({ changes: null, errors: {} });
  });

  it('refuses a raised time limit in words, before anything is sent', () => {
    const { changes, errors } = updateChanges({ ...initial, timeLimit: '3:00:00' }, initial, 7200);
    expect(changes).toBeNull();
    expect(errors.timeLimit).toBe('A time limit can only go down (it is 2:00:00 now); only your site can raise it.');
    expect(updateChanges({ ...initial, timeLimit: 'UNLIMITED' }, initial, 7200).errors.timeLimit).toContain('can only go down');
  });

  it("says each field's problem in the contract's words, all at once", () => {
    const { changes, errors } = updateChanges({ ...initial, name: 'two words', nice: '-5', dependency: 'after 12', timeLimit: 'soon' }, initial, 7200);
    expect(changes).toBeNull();
    expect(errors.name).toMatch(/^A job name starts with a letter or digit/);
    expect(errors.nice).toBe('Nice must be a whole number from 0 to 10000');
    expect(errors.dependency).toMatch(/^A dependency looks like afterok:123/);
    expect(errors.timeLimit).toMatch(/^A time limit looks like/);
    expect(updateChanges({ ...initial, nice: 'high' }, initial, 7200).errors.nice).toBe('Nice must be a whole number from 0 to 10000');
  });

  it('sends an emptied dependency, which removes it', () => {
    expect(updateChanges({ ...initial, dependency: '' }, initial, 7200).changes).toEqual({ dependency: '' });
  });

  it("puts a refused update's problem on its field", () => {
    expect(updateFieldForPath('changes.timeLimit')).toBe('timeLimit');
    expect(updateFieldForPath('changes')).toBeNull();
    expect(updateFieldForPath('slurmId')).toBeNull();
  });
});

describe('hold and release follow whether the job is held', () => {
  it('offers release only for a job you held, and hold only for one that is not', () => {
    const offered: ('hold' | 'release' | 'cancel')[] = ['cancel', 'hold', 'release'];
    expect(controlAvailability(jobDetail({ allowedActions: offered })).release).toEqual({ allowed: false, why: 'It is not held.' });
    const held = controlAvailability(jobDetail({ reason: 'JobHeldUser', allowedActions: offered }));
    expect(held.release).toEqual({ allowed: true });
    expect(held.hold).toEqual({ allowed: false, why: 'It is held already.' });
  });
});
