import { app, BrowserWindow, Menu, nativeTheme, protocol, screen } from 'electron';
import Store from 'electron-store';
import { pathToFileURL } from 'node:url';
import { Dispatcher } from '../../shared/contract/dispatcher';
import { EventHub } from '../../shared/contract/eventHub';
import type { AppSettings } from '../../shared/settings/appSettings';
import { openAppLogFile } from '../services/app/appLogFile';
import { runtimePath } from '../services/app/runtimeFiles';
import { checkForUpdate } from '../services/app/updateCheck';
import { appVersion } from '../services/app/version';
import { openAppServices } from '../services/appServices';
import { tightenPrivateFile } from '../services/fs/privateFolder';
import { createLogger } from '../services/log';
import { appScheme } from './appOrigin';
import { appMenuTemplate } from './appMenu';
import { registerContractIpc } from './contractIpc';
import { hardenWebContents } from './hardenWebContents';
import { launchModeFromArgv } from './launchMode';
import { openExternalChecked, showOwnFileInFolder } from './openExternal';
import { serveRendererOnAppScheme } from './rendererProtocol';
import { startUtilityCallbackHost } from './utilityCallbackHost';
import { createAppWindow } from './windowFactory';
import { boundsToRestore } from './windowBounds';
import { hardenedWindowOptions } from './windowOptions';

// The Electron shell: wires the services to windows and does nothing else. Everything below it
// runs (and is tested) in plain Node.
const mode = launchModeFromArgv(process.argv, app.isPackaged);
if (mode.kind === 'cli') void runCommandLine(mode.args);
else startDesktop();

/**
 * `slurmdesk submit …` from a terminal, and the embedded executor the app starts detached: the
 * CLI bundle, run in this process before any window could exist. It exits when it is done.
 */
async function runCommandLine(args: string[]) {
  app.dock?.hide();
  const cliBundle = runtimePath('cliBundle');
  // The CLI reads its arguments from process.argv.slice(2), as under Node.
  process.argv = [process.execPath, cliBundle, ...args];
  await import(pathToFileURL(cliBundle).href);
}

function startDesktop() {
  const dataDir = process.env.SLURMDESK_HOME?.trim() || app.getPath('userData');
  const logFile = openAppLogFile(dataDir);
  const log = createLogger('main', (line) => {
    process.stderr.write(line);
    logFile.write(line);
  });
  const revealLog = async () => {
    await logFile.flush();
    showOwnFileInFolder(logFile.path);
    return true;
  };

  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.enableSandbox();
  // Every webContents, including any the app did not mean to create, gets the same blocks.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternalChecked));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(() => start(dataDir, log, revealLog));
}

function start(dataDir: string, log: ReturnType<typeof createLogger>, revealLog: () => Promise<boolean>) {
  log.info(`Slurm Desk ${appVersion} starting (Electron ${process.versions.electron}, ${process.platform}-${process.arch}, packaged: ${app.isPackaged})`);
  serveRendererOnAppScheme(runtimePath('renderer'));
  const hub = new EventHub();
  const settingsStore = new Store({ name: 'settings', configFileMode: 0o600 });
  tightenPrivateFile(settingsStore.path, (mode) => log.warn(`${settingsStore.path} was readable by others (mode ${mode.toString(8)}); it is now 0600`));
  const cliBundle = runtimePath('cliBundle');
  const services = openAppServices({
    dataDir,
    electronVersion: process.versions.electron ?? null,
    openExternal: openExternalChecked,
    revealLog,
    settingsBackend: settingsStore,
    hub,
    log,
    // No Node in the installed app (RunAsNode is off): callbacks run in utility processes.
    startCallbackHost: () => startUtilityCallbackHost(cliBundle),
  });
  app.on('will-quit', () => void services.close());
  const dispatcher = new Dispatcher(services.handlers, {
    onInternalError: (method, error) => log.error(`internal error in ${method}`, error),
  });
  registerContractIpc(dispatcher, hub, () => BrowserWindow.getAllWindows().map((window) => window.webContents));

  // The page's prefers-color-scheme follows nativeTheme, so the choice in Settings reaches the CSS.
  const applyAppearance = (settings: AppSettings) => (nativeTheme.themeSource = settings.appearance);
  applyAppearance(services.settings.read());
  hub.subscribe((event, payload) => {
    if (event === 'settings.changed') applyAppearance(payload as AppSettings);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        production: app.isPackaged,
        command: (command) => hub.emit('app.menuCommand', { command }),
        revealLog: () => void revealLog(),
      }),
    ),
  );

  const openWindow = () => {
    const defaults = hardenedWindowOptions('');
    const minimum = { width: defaults.minWidth ?? 0, height: defaults.minHeight ?? 0 };
    const saved = boundsToRestore(settingsStore.get('window'), screen.getAllDisplays().map((display) => display.workArea), minimum);
    const window = createAppWindow({
      preloadPath: runtimePath('preload'),
      openExternal: openExternalChecked,
      overrides: {
        ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : {}),
        icon: runtimePath('windowIcon'),
        webPreferences: { devTools: !app.isPackaged },
      },
    });
    if (saved?.maximized) window.maximize();
    window.on('close', () => settingsStore.set('window', { ...window.getNormalBounds(), maximized: window.isMaximized() }));
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Tells of a newer release; installs nothing (no self-updater until releases are signed).
  if (app.isPackaged) {
    setTimeout(() => {
      checkForUpdate({ currentVersion: appVersion }).then(
        (notice) => notice && services.notices.raise(notice),
        (error: unknown) => log.info(`update check skipped: ${(error as Error).message}`),
      );
    }, 15_000).unref();
  }
}
