import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../../shared/app/menuCommands';
import { appMenuTemplate } from '../../../../electron/main/appMenu';

function build(platform: NodeJS.Platform, production: boolean) {
  const sent: MenuCommand[] = [];
  let revealed = 0;
  const template = appMenuTemplate({ platform, production, command: (command) => sent.push(command), revealLog: () => (revealed += 1) });
  return { template, sent, revealed: () => revealed };
}

/** Every item, submenus flattened, in menu order. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it('puts the four views on Ctrl/Cmd+1…4, in the sidebar order, and each sends its view', () => {
    const { template, sent } = build('linux', true);
    const views = items(template).filter((item) => /^CmdOrCtrl\+\d$/.test(item.accelerator ?? ''));
    expect(views.map((item) => [item.label, item.accelerator])).toEqual([
      ['Clusters', 'CmdOrCtrl+1'],
      ['Submit', 'CmdOrCtrl+2'],
      ['Jobs', 'CmdOrCtrl+3'],
      ['Settings', 'CmdOrCtrl+4'],
    ]);
    views.forEach(click);
    expect(sent).toEqual(['view:clusters', 'view:submit', 'view:jobs', 'view:settings']);
  });

  it('submits on Ctrl/Cmd+Enter and finds on Ctrl/Cmd+F, leaving the keys to the page', () => {
    const { template, sent } = build('win32', true);
    const submit = items(template).find((item) => item.accelerator === 'CmdOrCtrl+Enter');
    const find = items(template).find((item) => item.accelerator === 'CmdOrCtrl+F');
    expect([submit?.registerAccelerator, find?.registerAccelerator]).toEqual([false, false]);
    click(submit);
    click(find);
    expect(sent).toEqual(['submit', 'find']);
  });

  it('has no reload and no developer tools in production, and both while developing', () => {
    const roles = (production: boolean) => items(build('linux', production).template).map((item) => item.role).filter(Boolean);
    expect(roles(true)).not.toContain('reload');
    expect(roles(true)).not.toContain('forceReload');
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('offers About and Reveal Log File; on macOS About sits in the app menu and Quit is not in File', () => {
    const linux = build('linux', true);
    click(items(linux.template).find((item) => item.label === 'About Slurm Desk'));
    click(items(linux.template).find((item) => item.label === 'Reveal Log File'));
    expect(linux.sent).toEqual(['about']);
    expect(linux.revealed()).toBe(1);
    const mac = build('darwin', true).template;
    expect(mac[0]?.label).toBe('Slurm Desk');
    expect(items([mac[0]!]).map((item) => item.label ?? item.role)).toContain('About Slurm Desk');
    const file = mac.find((item) => item.label === '&File');
    expect(items([file!]).map((item) => item.role)).not.toContain('quit');
  });
});
