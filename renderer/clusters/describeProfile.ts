import type { ClusterProfile } from '../../shared/clusters/clusterProfile';

/** One line a person recognises: `alice@hpc.example.org:22 via bob@gate:2222`. */
export function describeProfile(profile: ClusterProfile): string {
  const target = `${profile.user}@${profile.host}:${profile.port}`;
  if (profile.jump.length === 0) return target;
  return `${target} via ${profile.jump.map((hop) => `${hop.user}@${hop.host}:${hop.port}`).join(', ')}`;
}
