import type { ClusterProfileInput } from '../../../../shared/clusters/clusterProfile';

/**
 * A profile from ssh_config under what the person set explicitly: every value they gave wins,
 * field by field inside `auth` too, so turning off the agent does not also drop the config's
 * key files. A `jump` list is taken whole (an explicit [] means "connect directly").
 * Undefined counts as "not given", so a form can pass its empty fields through.
 */
export function mergeImported(explicit: Partial<ClusterProfileInput>, imported: ClusterProfileInput): ClusterProfileInput {
  const merged: ClusterProfileInput = { ...imported, ...definedOnly(explicit) };
  if (explicit.auth !== undefined) merged.auth = { ...imported.auth, ...definedOnly(explicit.auth) };
  return merged;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  // Object.entries forgets the key types; the filter only drops entries, so the shape still holds.
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
