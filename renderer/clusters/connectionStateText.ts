import type { ConnectionState } from '../../shared/contract/connectionMethods';

/** What each state reads as, and the badge tone it gets. */
export const connectionStateText: Record<ConnectionState, { label: string; tone: 'ok' | 'busy' | 'idle' | 'attention' | 'danger' }> = {
  ready: { label: 'Ready', tone: 'ok' },
  disconnected: { label: 'Not connected', tone: 'idle' },
  connecting: { label: 'Connecting…', tone: 'busy' },
  'needs-input': { label: 'Needs your input', tone: 'attention' },
  connected: { label: 'Connected', tone: 'ok' },
  unreachable: { label: 'Unreachable', tone: 'danger' },
  'sign-in-failed': { label: 'Sign-in failed', tone: 'danger' },
  'host-key-refused': { label: 'Host key refused', tone: 'danger' },
};
