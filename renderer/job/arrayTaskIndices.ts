import { parseArrayRange } from '../../shared/jobs/arrayRange';
import type { JobSpec } from '../../shared/jobs/jobSpec';

/** The task indices an array job has, from its spec (a range like 1-200:2, or one task per item); empty when it is no array. */
export function arrayTaskIndices(spec: JobSpec): number[] {
  if (!spec.array) return [];
  if ('items' in spec.array) return spec.array.items.map((_, index) => index);
  const parsed = parseArrayRange(spec.array.range);
  return typeof parsed === 'string' ? [] : parsed.indices;
}
