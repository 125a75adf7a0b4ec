import { useState } from 'react';
import { Button, Switch } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { notificationPermission, requestNotificationPermission } from '../notifications/notificationPermission';
import { saveSettings } from './saveSettings';

const permissionText = {
  granted: null,
  default: 'Slurm Desk has not been allowed to show notifications yet.',
  denied: 'Notifications are blocked for Slurm Desk. Allow them in your system or browser settings to see them.',
  unsupported: 'This browser cannot show desktop notifications.',
} as const;

/** One switch; turning it on is the gesture that asks for permission, once. */
export function NotificationSettings({ client, enabled }: { client: ContractClient; enabled: boolean }) {
  const [permission, setPermission] = useState(notificationPermission);
  const [problem, setProblem] = useState<string | null>(null);

  async function ask() {
    setPermission(await requestNotificationPermission());
  }

  async function toggle(on: boolean) {
    // Asked first, inside the press, so the browser counts it as the person's gesture.
    if (on && permission === 'default') void ask();
    const outcome = await saveSettings(client, { notifyOnJobEnd: on });
    setProblem(outcome.ok ? null : outcome.message);
  }

  const note = enabled ? permissionText[permission] : null;
  return (
    <div className="settings-stack">
      <Switch className="switch" isSelected={enabled} onChange={(on) => void toggle(on)} data-testid="notify-on-job-end">
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        Notify me when a job ends (completed, failed, cancelled, timed out…)
      </Switch>
      <p className="form-hint">Only jobs that end while Slurm Desk is open; jobs that had already ended are not announced.</p>
      {note && (
        <div className="settings-note" data-testid="notification-permission">
          <span>{note}</span>
          {permission === 'default' && (
            <Button className="button button-small" onPress={() => void ask()} data-testid="allow-notifications">
              Allow notifications
            </Button>
          )}
        </div>
      )}
      {problem && <p className="form-error" role="alert">{problem}</p>}
    </div>
  );
}
