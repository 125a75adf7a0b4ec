import { ClusterProfileSchema, type ClusterProfile, type ClusterProfileInput } from '../../../shared/clusters/clusterProfile';
import { AppError } from '../../../shared/errors';
import type { SettingsBackend } from './settingsStore';

/**
 * Cluster profiles, kept with the settings. They hold how to reach a cluster, never a secret:
 * passwords and passphrases live in the OS keychain. A profile that no longer validates (a file
 * edited by hand) is skipped and reported instead of breaking the app.
 */
export class ClusterProfiles {
  constructor(private readonly backend: SettingsBackend) {}

  list(): { profiles: ClusterProfile[]; problems: string[] } {
    const stored = this.backend.get('clusters');
    const profiles: ClusterProfile[] = [];
    const problems: string[] = [];
    for (const candidate of Array.isArray(stored) ? stored : []) {
      const parsed = ClusterProfileSchema.safeParse(candidate);
      if (parsed.success) profiles.push(parsed.data);
      else problems.push(`a saved cluster profile is invalid and was skipped: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    }
    return { profiles, problems };
  }

  get(name: string): ClusterProfile | undefined {
    return this.list().profiles.find((profile) => profile.name === name);
  }

  /** Adds or replaces the profile of that name. */
  save(input: ClusterProfileInput): ClusterProfile {
    const parsed = ClusterProfileSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('invalid-profile', `${issue.path.join('.') || 'profile'}: ${issue.message}`);
    }
    const others = this.list().profiles.filter((profile) => profile.name !== parsed.data.name);
    this.backend.set('clusters', [...others, parsed.data]);
    return parsed.data;
  }

  remove(name: string): boolean {
    const { profiles } = this.list();
    const kept = profiles.filter((profile) => profile.name !== name);
    this.backend.set('clusters', kept);
    return kept.length !== profiles.length;
  }
}
