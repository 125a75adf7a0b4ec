import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Dispatcher } from '../../shared/contract/dispatcher';
import { EventHub } from '../../shared/contract/eventHub';
import { resolveDataDir } from '../services/app/dataDir';
import { openAppServices } from '../services/appServices';
import { createLogger } from '../services/log';
import { defaultLaunchCodeLifetimeMs, startBrowserHost } from './browserHost';
import { openDefaultBrowser } from './openBrowser';

/**
 * `slurmdesk` in browser mode: where no Electron binary exists (air-gapped installs, headless
 * login nodes, our test machines) the same UI and contract are served on 127.0.0.1.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`slurmdesk: --port must be a number from 0 to 65535, not ${JSON.stringify(values.port)}\n`);
    process.exit(2);
  }

  const log = createLogger('web');
  const hub = new EventHub();
  const dataDir = resolveDataDir();
  const services = openAppServices({ dataDir, electronVersion: null, openExternal: async () => false, hub, log });
  const dispatcher = new Dispatcher(services.handlers, {
    onInternalError: (method, error) => log.error(`internal error in ${method}`, error),
  });
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const host = await startBrowserHost({ rendererDir, dispatcher, hub, log, port, launchFolder: join(dataDir, 'browser') });
  const launchPage = host.launchPage!;

  // Nothing printed here or given to the opener is the session secret: the launch page is a
  // file only this user can read, and the one-time address is dead after its first use.
  process.stdout.write(
    [
      `Slurm Desk is running in browser mode at ${host.origin}/`,
      `Open this launch page in a browser on this computer (only you can read it; it works once and is rewritten after each use):`,
      `  ${launchPage.url}`,
      `Or paste this one-time address into a browser's address bar (it works once, within ${Math.round(defaultLaunchCodeLifetimeMs / 60_000)} minutes):`,
      `  ${host.oneTimeAddress()}`,
      '',
    ].join('\n'),
  );
  if (!values['no-open'] && openDefaultBrowser(launchPage.url)) log.info('opened the launch page in the default browser');

  const shutdown = async (signal: string) => {
    log.info(`${signal}: shutting down`);
    hub.emit('app.notice', { level: 'warning', message: 'Slurm Desk is shutting down.' });
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`slurmdesk: browser mode could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
