import type { ErrorDetail } from '../../shared/errors';
import type { ClusterFieldErrors, ClusterFieldKey } from './clusterFormStore';

/** Where a path into the profile lands on the form; the first matching prefix wins. */
const pathFields: [prefix: string, field: ClusterFieldKey][] = [
  ['name', 'name'],
  ['host', 'host'],
  ['port', 'port'],
  ['user', 'user'],
  ['auth.keyFiles', 'keyFiles'],
  ['auth', 'auth'],
  ['jump', 'jump'],
  ['hostKeyPolicy', 'hostKeyPolicy'],
  ['jobBaseDir', 'jobBaseDir'],
  ['defaults.partition', 'partition'],
  ['defaults.account', 'account'],
  ['defaults.qos', 'qos'],
];

/** The dispatcher names paths from the params: `profile.host`, `profile.jump.[0].user`. */
export function clusterFieldForPath(path: string): ClusterFieldKey | null {
  const inProfile = path.replace(/^profile\./, '');
  for (const [prefix, field] of pathFields) {
    if (inProfile === prefix || inProfile.startsWith(`${prefix}.`)) return field;
  }
  return null;
}

/** The first message per field: one problem at a time is easier to act on. */
export function clusterFieldErrorsFromDetails(details: readonly ErrorDetail[]): ClusterFieldErrors {
  const errors: ClusterFieldErrors = {};
  for (const detail of details) {
    const field = clusterFieldForPath(detail.path);
    if (field && errors[field] === undefined) errors[field] = detail.message;
  }
  return errors;
}
