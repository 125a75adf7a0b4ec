import { create } from 'zustand';
import type { HostKeyPolicyName } from '../../shared/clusters/clusterProfile';

/** The add-cluster form as typed: text until Save turns it into a profile. */
export type ClusterFields = {
  name: string;
  host: string;
  port: string;
  user: string;
  keyFiles: string;
  jump: string;
  hostKeyPolicy: HostKeyPolicyName;
  agent: boolean;
  password: boolean;
  keyboardInteractive: boolean;
};

export type ClusterTextKey = 'name' | 'host' | 'port' | 'user' | 'keyFiles' | 'jump';
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
  hostKeyPolicy: 'ask',
  agent: true,
  password: true,
  keyboardInteractive: true,
};

type ClusterFormState = {
  fields: ClusterFields;
  setText: (key: ClusterTextKey, value: string) => void;
  setToggle: (key: ClusterToggleKey, value: boolean) => void;
  setPolicy: (policy: HostKeyPolicyName) => void;
  reset: () => void;
};

/** A store so a half-typed profile survives a visit to another view. */
export const useClusterFormStore = create<ClusterFormState>()((set) => ({
  fields: emptyClusterFields,
  setText: (key, value) => {
    set((state) => ({ fields: { ...state.fields, [key]: value } }));
  },
  setToggle: (key, value) => {
    set((state) => ({ fields: { ...state.fields, [key]: value } }));
  },
  setPolicy: (hostKeyPolicy) => {
    set((state) => ({ fields: { ...state.fields, hostKeyPolicy } }));
  },
  reset: () => {
    set({ fields: emptyClusterFields });
  },
}));
