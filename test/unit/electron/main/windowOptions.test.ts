import { describe, expect, it } from 'vitest';
import { hardenedWindowOptions } from '../../../../electron/main/windowOptions';

const hardened = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
};

describe('hardenedWindowOptions', () => {
  it('gives every window exactly the hardened web preferences and the preload', () => {
    expect(hardenedWindowOptions('/app/out/preload/preload.cjs').webPreferences).toEqual({
      ...hardened,
      preload: '/app/out/preload/preload.cjs',
    });
  });

  it('applies the hardening after overrides, so none can weaken it', () => {
    const options = hardenedWindowOptions('/p.cjs', {
      width: 400,
      webPreferences: {
        sandbox: false,
        contextIsolation: false,
        nodeIntegration: true,
        webSecurity: false,
        webviewTag: true,
        preload: '/evil.js',
        zoomFactor: 1.25,
      },
    });
    expect(options.width).toBe(400);
    expect(options.webPreferences).toEqual({ ...hardened, preload: '/p.cjs', zoomFactor: 1.25 });
  });
});
