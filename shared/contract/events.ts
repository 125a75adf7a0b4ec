import { AppNoticeSchema } from '../app/appNotice';
import { connectionEvents } from './connectionMethods';
import { event } from './define';
import { jobsEvents } from './jobsMethods';
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
  ...jobsEvents,
  ...sshEvents,
  ...connectionEvents,
  ...settingsEvents,
  ...terminalEvents,
  ...forwardEvents,
};
