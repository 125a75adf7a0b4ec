import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkForUpdate, isNewerVersion } from '../../../../../electron/services/app/updateCheck';

let server: Server | null = null;
afterEach(() => server?.close());

/** A releases feed on loopback answering what GitHub's "latest release" would. */
async function feed(status: number, body: unknown): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/latest`;
}

describe('the update check', () => {
  it('compares versions by number, not text', () => {
    expect(isNewerVersion('v1.10.0', '1.9.3')).toBe(true);
    expect(isNewerVersion('0.1.0', '0.1.0')).toBe(false);
    expect(isNewerVersion('0.2.0-beta.1', '0.1.9')).toBe(true);
    expect(isNewerVersion('1.0', '1.0.1')).toBe(false);
  });

  it('turns a newer release into a notice with its page, and installs nothing', async () => {
    const feedUrl = await feed(200, { tag_name: 'v0.3.0', html_url: 'https://github.com/slurmdesk/slurmdesk/releases/tag/v0.3.0' });
    expect(await checkForUpdate({ currentVersion: '0.1.0', feedUrl })).toEqual({
      level: 'info',
      message: 'Slurm Desk 0.3.0 is available (this is 0.1.0): https://github.com/slurmdesk/slurmdesk/releases/tag/v0.3.0',
      cause: 'update-available',
    });
  });

  it('says nothing for the same version, a pre-release, or a page link that is not http(s)', async () => {
    expect(await checkForUpdate({ currentVersion: '0.3.0', feedUrl: await feed(200, { tag_name: 'v0.3.0' }) })).toBeNull();
    server?.close();
    expect(await checkForUpdate({ currentVersion: '0.1.0', feedUrl: await feed(200, { tag_name: 'v0.4.0', prerelease: true }) })).toBeNull();
    server?.close();
    const notice = await checkForUpdate({ currentVersion: '0.1.0', feedUrl: await feed(200, { tag_name: 'v0.4.0', html_url: 'javascript:alert(1)' }) });
    expect(notice?.message).toBe('Slurm Desk 0.4.0 is available (this is 0.1.0).');
  });

  it('fails with the status for the log when the feed refuses', async () => {
    await expect(checkForUpdate({ currentVersion: '0.1.0', feedUrl: await feed(403, { message: 'rate limited' }) })).rejects.toThrow('the releases feed answered 403');
  });
});
