import type { ContractClient } from '../../shared/contract/client';
import { useConnectionStore } from '../app/connectionStore';
import { AppearanceChoice } from './AppearanceChoice';
import { AuditLogSection } from './AuditLogSection';
import { HostKeyPolicyChoice } from './HostKeyPolicyChoice';
import { HostKeysSection } from './HostKeysSection';
import { JobFoldersForm } from './JobFoldersForm';
import { NotificationSettings } from './NotificationSettings';
import { SavedSignInsSection } from './SavedSignInsSection';
import { SettingsSection } from './SettingsSection';
import { TrustedSlurmfilesSection } from './TrustedSlurmfilesSection';
import { useSettingsStore } from './settingsStore';
import './settings.css';

/** The view is shown only once connected, so the client is there. */
export function SettingsView() {
  const client = useConnectionStore((state) => state.client);
  return client ? <Settings client={client} /> : null;
}

function Settings({ client }: { client: ContractClient }) {
  const settings = useSettingsStore((state) => state.settings);
  const loadError = useSettingsStore((state) => state.loadError);

  return (
    <div className="settings-view">
      <h1 className="view-title">Settings</h1>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {settings && (
        <>
          <SettingsSection id="connections" title="Connections">
            <HostKeyPolicyChoice client={client} policy={settings.defaultHostKeyPolicy} />
          </SettingsSection>
          <SettingsSection id="job-folders" title="Job folders">
            <JobFoldersForm client={client} settings={settings} />
          </SettingsSection>
          <SettingsSection id="notifications" title="Notifications">
            <NotificationSettings client={client} enabled={settings.notifyOnJobEnd} />
          </SettingsSection>
          <SettingsSection id="appearance" title="Appearance">
            <AppearanceChoice client={client} appearance={settings.appearance} />
          </SettingsSection>
        </>
      )}
      <SettingsSection id="host-keys" title="Host keys">
        <HostKeysSection client={client} />
      </SettingsSection>
      <SettingsSection id="sign-ins" title="Saved sign-ins">
        <SavedSignInsSection client={client} />
      </SettingsSection>
      <SettingsSection id="trusted-slurmfiles" title="Trusted Slurmfiles">
        <TrustedSlurmfilesSection client={client} />
      </SettingsSection>
      <SettingsSection id="audit" title="Audit log">
        <AuditLogSection client={client} />
      </SettingsSection>
    </div>
  );
}
