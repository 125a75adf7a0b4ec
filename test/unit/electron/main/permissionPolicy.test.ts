import { describe, expect, it } from 'vitest';
import { applyPermissionPolicy, isPermissionGranted, type PermissionSession } from '../../../../electron/main/permissionPolicy';

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean;

/** A named fake of Session: keeps the handlers the policy installs. */
class FakeSession {
  request: RequestHandler | null = null;
  check: CheckHandler | null = null;
  device: (() => boolean) | null = null;
  setPermissionRequestHandler(handler: RequestHandler) {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler) {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: () => boolean) {
    this.device = handler;
  }
}

function installed(): FakeSession {
  const session = new FakeSession();
  applyPermissionPolicy(session as unknown as PermissionSession);
  return session;
}

function requestAnswer(session: FakeSession, permission: string, requestingUrl: string): boolean {
  let granted: boolean | null = null;
  session.request!(null, permission, (answer) => (granted = answer), { requestingUrl });
  expect(granted).not.toBeNull();
  return granted!;
}

describe('the window permission policy', () => {
  it('grants notifications to the app page only', () => {
    const session = installed();
    expect(requestAnswer(session, 'notifications', 'app://slurmdesk/index.html')).toBe(true);
    expect(session.check!(null, 'notifications', 'app://slurmdesk')).toBe(true);
    expect(requestAnswer(session, 'notifications', 'https://evil.example/')).toBe(false);
    expect(requestAnswer(session, 'notifications', 'app://slurmdesk.evil.example/')).toBe(false);
    expect(session.check!(null, 'notifications', 'file://')).toBe(false);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'midi', 'pointerLock', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'storage-access', 'unknown'])(
    'denies %s even to the app page',
    (permission) => {
      const session = installed();
      expect(requestAnswer(session, permission, 'app://slurmdesk/index.html')).toBe(false);
      expect(session.check!(null, permission, 'app://slurmdesk')).toBe(false);
    },
  );

  it('denies every device and a request without a URL', () => {
    const session = installed();
    expect(session.device!()).toBe(false);
    expect(isPermissionGranted('notifications', undefined)).toBe(false);
  });
});
