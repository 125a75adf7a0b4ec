import type { AppInfo } from '../../../shared/app/appInfo';
import type { Handlers } from '../../../shared/contract/dispatcher';
import { AppError } from '../../../shared/errors';
import { checkExternalUrl } from '../../../shared/security/externalUrl';
import { appLogPath } from './appLogFile';
import { appVersion, productName } from './version';

export type AppHandlerDeps = {
  dataDir: string;
  /** Null outside Electron. */
  electronVersion: string | null;
  /**
   * Opens an already-checked URL in the system browser; returns false where this host cannot
   * (browser mode: the page opens the link itself).
   */
  openExternal: (url: string) => Promise<boolean>;
  /** Shows the log file in the system file manager; absent where the host has none. */
  revealLog?: () => Promise<boolean>;
};

export function createAppHandlers(deps: AppHandlerDeps): Pick<Handlers, 'app.info' | 'app.openExternal' | 'app.revealLog'> {
  return {
    'app.info': (_params, context): AppInfo => ({
      name: productName,
      version: appVersion,
      platform: process.platform,
      arch: process.arch,
      nodeVersion: process.versions.node,
      electronVersion: deps.electronVersion,
      dataDir: deps.dataDir,
      transport: context.transport,
    }),
    'app.openExternal': async ({ url }) => {
      const verdict = checkExternalUrl(url);
      if (!verdict.ok) throw new AppError('link-refused', verdict.reason);
      return { opened: await deps.openExternal(verdict.url) };
    },
    'app.revealLog': async () => ({ revealed: deps.revealLog ? await deps.revealLog() : false, path: appLogPath(deps.dataDir) }),
  };
}
