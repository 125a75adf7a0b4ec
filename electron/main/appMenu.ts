import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/app/menuCommands';

export type AppMenuOptions = {
  platform: NodeJS.Platform;
  /** Installed: no reload and no developer tools. */
  production: boolean;
  /** Carried out by the window (the `app.menuCommand` event). */
  command: (command: MenuCommand) => void;
  revealLog: () => void;
};

/** Ctrl/Cmd+1…4 in navigation order, as the views appear in the window's sidebar. */
const views = [
  { command: 'view:clusters', label: 'Clusters', key: '1' },
  { command: 'view:submit', label: 'Submit', key: '2' },
  { command: 'view:jobs', label: 'Jobs', key: '3' },
  { command: 'view:settings', label: 'Settings', key: '4' },
] as const satisfies readonly { command: MenuCommand; label: string; key: string }[];

/**
 * The application menu as data (Menu.buildFromTemplate makes it). Submit and Find show their
 * shortcut but leave the key to the page (`registerAccelerator: false`): the form and the log
 * viewer handle it where it means something, and the menu item does the same when clicked.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const send = (command: MenuCommand) => () => options.command(command);
  const about: MenuItemConstructorOptions = { label: 'About Slurm Desk', click: send('about') };
  const revealLog: MenuItemConstructorOptions = { label: 'Reveal Log File', click: () => options.revealLog() };
  return [
    ...(mac ? [{ label: 'Slurm Desk', submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Submit Job', accelerator: 'CmdOrCtrl+Enter', registerAccelerator: false, click: send('submit') },
        { type: 'separator' },
        revealLog,
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find', accelerator: 'CmdOrCtrl+F', registerAccelerator: false, click: send('find') },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...views.map(({ command, label, key }): MenuItemConstructorOptions => ({ label, accelerator: `CmdOrCtrl+${key}`, click: send(command) })),
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' },
        ...(options.production ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [...(mac ? [] : [about]), revealLog] },
  ];
}
