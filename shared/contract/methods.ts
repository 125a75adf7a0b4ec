import { z } from 'zod';
import { AppInfoSchema } from '../app/appInfo';
import { AppNoticeSchema } from '../app/appNotice';
import { JobSpecSchema } from '../jobs/jobSpec';
import { clusterOverviewMethods } from './clusterOverviewMethods';
import { method } from './define';
import { connectionMethods } from './connectionMethods';
import { jobFilesMethods } from './jobFilesMethods';
import { jobsMethods } from './jobsMethods';
import { resultsMethods } from './resultsMethods';
import { filesMethods } from './filesMethods';
import { queueMethods } from './queueMethods';
import { settingsMethods } from './settingsMethods';
import { slurmfileMethods } from './slurmfileMethods';
import { sshMethods } from './sshMethods';
import { uploadMethods } from './uploadMethods';
import { forwardMethods } from './forwardMethods';
import { terminalMethods } from './terminalMethods';
import { webAppMethods } from './webAppMethods';

const noParams = z.strictObject({});

/**
 * Every request the renderer may make of main. Params are strict objects: an unknown key is a
 * schema error, not silently ignored. Results are parsed too, which strips any field a handler
 * adds by mistake before it reaches the renderer.
 */
export const methods = {
  'app.info': method({
    summary: 'Version, platform, data folder and the transport in use.',
    params: noParams,
    result: AppInfoSchema,
  }),
  'app.notices': method({
    summary: 'Notices main raised so far (a damaged journal record set aside at start, before any window listened), oldest first.',
    params: noParams,
    result: z.strictObject({ notices: z.array(AppNoticeSchema).max(100) }),
  }),
  'app.openExternal': method({
    summary: 'Open an http(s) link in the system browser, after the one URL check.',
    params: z.strictObject({ url: z.string().min(1).max(2048) }),
    result: z.strictObject({ opened: z.boolean() }),
  }),
  'app.revealLog': method({
    summary: "Show the app's log file in the system file manager; false where the host has none (browser mode).",
    params: noParams,
    result: z.strictObject({ revealed: z.boolean(), path: z.string() }),
  }),
  'app.examples': method({
    summary: 'Example jobs shipped with the app, ready to submit to This computer on first run.',
    params: noParams,
    result: z.strictObject({
      examples: z.array(z.strictObject({ id: z.string(), title: z.string(), description: z.string(), spec: JobSpecSchema })),
    }),
  }),
  ...jobsMethods,
  ...jobFilesMethods,
  ...sshMethods,
  ...connectionMethods,
  ...settingsMethods,
  ...clusterOverviewMethods,
  ...slurmfileMethods,
  ...uploadMethods,
  ...resultsMethods,
  ...filesMethods,
  ...queueMethods,
  ...terminalMethods,
  ...forwardMethods,
  ...webAppMethods,
};
