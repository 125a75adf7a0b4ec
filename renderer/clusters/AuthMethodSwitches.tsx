import { Switch } from 'react-aria-components';
import { type ClusterToggleKey, useClusterFormStore } from './clusterFormStore';

const methods: { key: ClusterToggleKey; label: string }[] = [
  { key: 'agent', label: 'SSH agent' },
  { key: 'password', label: 'Password' },
  { key: 'keyboardInteractive', label: 'Keyboard-interactive (one-time codes)' },
];

/** Tried in OpenSSH's order: agent, key files, password, keyboard-interactive. */
export function AuthMethodSwitches({ error }: { error: string | undefined }) {
  const fields = useClusterFormStore((state) => state.fields);
  const setToggle = useClusterFormStore((state) => state.setToggle);
  return (
    <div className="form-field" role="group" aria-labelledby="auth-methods-label">
      <span className="form-label" id="auth-methods-label">
        Sign-in methods
      </span>
      <div className="auth-switches">
        {methods.map(({ key, label }) => (
          <Switch key={key} className="switch" isSelected={fields[key]} onChange={(on) => setToggle(key, on)} data-testid={`auth-${key}`}>
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            {label}
          </Switch>
        ))}
      </div>
      <span className="form-hint">Passwords and codes are asked for when needed, and never kept in the profile.</span>
      {error && <span className="form-error">{error}</span>}
    </div>
  );
}
