import { create } from 'zustand';
import type { ClusterProfile, HostKeyPolicyName } from '../../shared/clusters/clusterProfile';

/** The add-cluster form as typed: text until Save turns it into a profile. */
export type ClusterFields = {
  name: string;
  host: string;
  port: string;
  user: string;
  keyFiles: string;
  jump: string;
  /** Key files for the jump host only; empty uses the cluster's. */
  jumpKeyFiles: string;
  jobBaseDir: string;
  partition: string;
  account: string;
  qos: string;
  hostKeyPolicy: HostKeyPolicyName;
  agent: boolean;
  password: boolean;
  keyboardInteractive: boolean;
};

export type ClusterTextKey = 'name' | 'host' | 'port' | 'user' | 'keyFiles' | 'jump' | 'jumpKeyFiles' | 'jobBaseDir' | 'partition' | 'account' | 'qos';
export type ClusterToggleKey = 'agent' | 'password' | 'keyboardInteractive';
export type ClusterFieldKey = ClusterTextKey | 'hostKeyPolicy' | 'auth';
export type ClusterFieldErrors = Partial<Record<ClusterFieldKey, string>>;

export const emptyClusterFields: ClusterFields = {
  name: '',
  host: '',
  port: '22',
  user: '',
  keyFiles: '',
  jump: '',
  jumpKeyFiles: '',
  jobBaseDir: '',
  partition: '',
  account: '',
  qos: '',
  hostKeyPolicy: 'ask',
  agent: true,
  password: true,
  keyboardInteractive: true,
};

/** The form filled from a saved profile, for editing it. */
export function fieldsFromProfile(profile: ClusterProfile): ClusterFields {
  const hop = profile.jump[0];
  return {
    name: profile.name,
    host: profile.host,
    port: String(profile.port),
    user: profile.user,
    keyFiles: profile.auth.keyFiles.join('\n'),
    jump: hop ? `${hop.user}@${hop.host}:${hop.port}` : '',
    jumpKeyFiles: hop ? hop.auth.keyFiles.join('\n') : '',
    jobBaseDir: profile.jobBaseDir ?? '',
    partition: profile.defaults.partition ?? '',
    account: profile.defaults.account ?? '',
    qos: profile.defaults.qos ?? '',
    hostKeyPolicy: profile.hostKeyPolicy,
    agent: profile.auth.agent,
    password: profile.auth.password,
    keyboardInteractive: profile.auth.keyboardInteractive,
  };
}

type ClusterFormState = {
  fields: ClusterFields;
  /** The saved profile being edited (its name cannot change), or null when adding. */
  editing: string | null;
  startEditing: (profile: ClusterProfile) => void;
  setText: (key: ClusterTextKey, value: string) => void;
  setToggle: (key: ClusterToggleKey, value: boolean) => void;
  setPolicy: (policy: HostKeyPolicyName) => void;
  /** An empty form; unknown host keys follow the default chosen in Settings. */
  reset: (defaultPolicy?: HostKeyPolicyName) => void;
};

/** A store so a half-typed profile survives a visit to another view. */
export const useClusterFormStore = create<ClusterFormState>()((set) => ({
  fields: emptyClusterFields,
  editing: null,
  startEditing: (profile) => {
    set({ fields: fieldsFromProfile(profile), editing: profile.name });
  },
  setText: (key, value) => {
    set((state) => ({ fields: { ...state.fields, [key]: value } }));
  },
  setToggle: (key, value) => {
    set((state) => ({ fields: { ...state.fields, [key]: value } }));
  },
  setPolicy: (hostKeyPolicy) => {
    set((state) => ({ fields: { ...state.fields, hostKeyPolicy } }));
  },
  reset: (defaultPolicy) => {
    set({ fields: { ...emptyClusterFields, hostKeyPolicy: defaultPolicy ?? emptyClusterFields.hostKeyPolicy }, editing: null });
  },
}));
