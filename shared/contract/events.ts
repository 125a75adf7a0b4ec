import { z } from 'zod';
import { AppNoticeSchema } from '../app/appNotice';
import { MenuCommandSchema } from '../app/menuCommands';
import { connectionEvents } from './connectionMethods';
import { event } from './define';
import { jobsEvents } from './jobsMethods';
import { queueEvents } from './queueMethods';
import { settingsEvents } from './settingsMethods';
import { sshEvents } from './sshMethods';
import { forwardEvents } from './forwardMethods';
import { terminalEvents } from './terminalMethods';

/** Every push from main to the windows. */
export const events = {
  'app.notice': event({
    summary: 'A message for the person that is not tied to a request (e.g. the host is shutting down).',
    payload: AppNoticeSchema,
  }),
  'app.menuCommand': event({
    summary: 'The person chose an application menu item (or pressed its shortcut) that the window carries out.',
    payload: z.strictObject({ command: MenuCommandSchema }),
  }),
  ...jobsEvents,
  ...sshEvents,
  ...connectionEvents,
  ...settingsEvents,
  ...queueEvents,
  ...terminalEvents,
  ...forwardEvents,
};
