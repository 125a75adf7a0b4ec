import { parseSlurmTime } from '../../shared/jobs/slurmValues';
import type { JobDetail } from '../../shared/queue/jobDetail';
import { QueueUpdateSchema, type QueueUpdate } from '../../shared/queue/queueControl';
import { wordsForSchemaIssue } from '../app/schemaIssueWords';
import { formatDuration } from '../jobs/formatDuration';
import type { UpdateField } from './controlAvailability';

/** The update form's fields as typed. */
export type UpdateForm = Record<UpdateField, string>;
export type UpdateErrors = Partial<Record<UpdateField, string>>;

export const updateLabels: Record<UpdateField, string> = {
  timeLimit: 'Time limit',
  name: 'Name',
  partition: 'Partition',
  dependency: 'Dependency',
  nice: 'Nice',
};

/** The form filled with what the job has now, so only what the person edits is sent. */
export function formFromJob(job: Pick<JobDetail, 'timeLimitSeconds' | 'name' | 'partition' | 'dependency' | 'nice'>): UpdateForm {
  return {
    timeLimit: job.timeLimitSeconds === null ? 'UNLIMITED' : formatDuration(job.timeLimitSeconds),
    name: job.name,
    partition: job.partition ?? '',
    dependency: job.dependency ?? '',
    nice: job.nice === null ? '0' : String(job.nice),
  };
}

function fieldProblem(field: UpdateField, value: unknown): string | null {
  const schema = QueueUpdateSchema.shape[field];
  const checked = schema.safeParse(value);
  return checked.success ? null : wordsForSchemaIssue(checked.error.issues[0]!, updateLabels[field], schema);
}

/**
 * The changes the form asks for (only fields that differ from the job's), checked field by field
 * with the contract's own schema, in words. A time limit may only go down: Slurm refuses a raise
 * from a user, so the form says so before asking.
 */
export function updateChanges(form: UpdateForm, initial: UpdateForm, currentLimitSeconds: number | null): { changes: QueueUpdate | null; errors: UpdateErrors } {
  const errors: UpdateErrors = {};
  const changes: QueueUpdate = {};
  const edited = (field: UpdateField) => form[field].trim() !== initial[field].trim();

  if (edited('timeLimit')) {
    const value = form.timeLimit.trim();
    const problem = fieldProblem('timeLimit', value);
    const seconds = parseSlurmTime(value);
    if (problem) errors.timeLimit = problem;
    else if (currentLimitSeconds !== null && (seconds === null || (seconds !== undefined && seconds > currentLimitSeconds))) {
      errors.timeLimit = `A time limit can only go down (it is ${initial.timeLimit} now); only your site can raise it.`;
    } else changes.timeLimit = value;
  }
  for (const field of ['name', 'partition'] as const) {
    if (!edited(field)) continue;
    const value = form[field].trim();
    const problem = fieldProblem(field, value);
    if (problem) errors[field] = problem;
    else changes[field] = value;
  }
  if (edited('dependency')) {
    // Empty removes every dependency, which is a change too.
    const value = form.dependency.trim();
    const problem = fieldProblem('dependency', value);
    if (problem) errors.dependency = problem;
    else changes.dependency = value;
  }
  if (edited('nice')) {
    const text = form.nice.trim();
    const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    const problem = Number.isNaN(value) ? 'Nice must be a whole number from 0 to 10000' : fieldProblem('nice', value);
    if (problem) errors.nice = problem;
    else changes.nice = value;
  }
  const hasChanges = Object.keys(changes).length > 0;
  return { changes: hasChanges && Object.keys(errors).length === 0 ? changes : null, errors };
}

/** Where a path of a refused update lands on the form (`changes.timeLimit` → the time limit field). */
export function updateFieldForPath(path: string): UpdateField | null {
  const field = path.replace(/^changes\./, '').split('.')[0];
  return field !== undefined && Object.hasOwn(updateLabels, field) ? (field as UpdateField) : null;
}
