import { app, BrowserWindow, protocol } from 'electron';
import Store from 'electron-store';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dispatcher } from '../../shared/contract/dispatcher';
import { EventHub } from '../../shared/contract/eventHub';
import { openAppServices } from '../services/appServices';
import { tightenPrivateFile } from '../services/fs/privateFolder';
import { createLogger } from '../services/log';
import { appScheme } from './appOrigin';
import { registerContractIpc } from './contractIpc';
import { hardenWebContents } from './hardenWebContents';
import { openExternalChecked } from './openExternal';
import { serveRendererOnAppScheme } from './rendererProtocol';
import { createAppWindow } from './windowFactory';

// The Electron shell: wires the services to windows and does nothing else. Everything below it
// runs (and is tested) in plain Node.
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = createLogger('main');

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// Every webContents, including any the app did not mean to create, gets the same blocks.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternalChecked));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  void app.whenReady().then(start);
}

function start() {
  serveRendererOnAppScheme(join(outDir, 'renderer'));
  const hub = new EventHub();
  const settingsStore = new Store({ name: 'settings', configFileMode: 0o600 });
  tightenPrivateFile(settingsStore.path, (mode) => log.warn(`${settingsStore.path} was readable by others (mode ${mode.toString(8)}); it is now 0600`));
  const services = openAppServices({
    dataDir: process.env.SLURMDESK_HOME?.trim() || app.getPath('userData'),
    electronVersion: process.versions.electron ?? null,
    openExternal: openExternalChecked,
    settingsBackend: settingsStore,
    hub,
    log,
  });
  app.on('will-quit', () => void services.close());
  const dispatcher = new Dispatcher(services.handlers, {
    onInternalError: (method, error) => log.error(`internal error in ${method}`, error),
  });
  registerContractIpc(dispatcher, hub, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
  const openWindow = () => createAppWindow({ preloadPath: join(outDir, 'preload', 'preload.cjs'), openExternal: openExternalChecked });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
