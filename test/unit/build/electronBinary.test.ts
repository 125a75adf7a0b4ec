import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadFailure, electronUnavailableMessage } from '../../../build/scripts/electronBinary.mjs';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const fetchFailed = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)\n';

describe('npm start without Electron: what it says', () => {
  it('turns the installer\'s "TypeError: fetch failed" into words naming the host', () => {
    expect(downloadFailure({ status: 1, stderr: fetchFailed }, {})).toBe(
      'this computer could not connect to github.com (no network, a name that does not resolve, or a proxy or firewall in the way)',
    );
    expect(downloadFailure({ status: 1, stderr: fetchFailed }, { ELECTRON_MIRROR: 'https://mirror.example.org/electron/' })).toContain('mirror.example.org');
    expect(downloadFailure({ status: 1, stderr: 'HTTPError: Response code 404 (Not Found)' }, { ELECTRON_MIRROR: 'https://mirror.example.org/electron/' })).toBe(
      'mirror.example.org does not have this Electron release',
    );
    expect(downloadFailure({ status: null, signal: 'SIGTERM', error: { code: 'ETIMEDOUT' } }, {})).toMatch(/did not finish within 3 minutes/);
  });

  it('says that browser mode starts instead and how to point at a mirror, a cache or an unpacked Electron', () => {
    const message = electronUnavailableMessage(repoRoot, downloadFailure({ status: 1, stderr: fetchFailed }, {}));
    expect(message).not.toMatch(/TypeError|fetch failed|at node:/);
    expect(message).toMatch(/^Slurm Desk could not get Electron's binary \(version \d+\.\d+\.\d+\): this computer could not connect to github\.com/);
    expect(message).toContain('Starting browser mode instead');
    for (const option of ['ELECTRON_MIRROR=', 'electron_config_cache=', 'ELECTRON_OVERRIDE_DIST_PATH=', 'npm start -- --browser']) expect(message).toContain(option);
  });
});
