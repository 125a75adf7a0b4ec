import { z } from 'zod';
import { JobSummarySchema } from '../jobs/jobRecord';
import { ClusterNameSchema } from '../jobs/jobSpec';
import { WebAppTemplateIdSchema } from '../webapps/webAppTemplates';
import { method } from './define';
import { ForwardInfoSchema } from './forwardMethods';
import { JobRef } from './jobsMethods';

/** Web apps (Jupyter, TensorBoard, code-server, any command on a port) started as jobs. */
export const webAppMethods = {
  'webApps.start': method({
    summary: 'Submit a web app as a job; webApps.open then waits for it and forwards to it.',
    params: z.strictObject({
      cluster: ClusterNameSchema,
      template: WebAppTemplateIdSchema,
      /** For "any web app": the command, started with $PORT set. */
      command: z.string().min(1).max(4096).optional(),
      /** For TensorBoard: the log folder on the cluster. */
      logDir: z.string().min(1).max(4096).optional(),
    }),
    result: JobSummarySchema,
  }),
  'webApps.open': method({
    summary: 'Wait until the web app job answers, forward a 127.0.0.1 port to it and answer its address and token.',
    params: z.strictObject({ id: JobRef }),
    result: z.strictObject({
      forward: ForwardInfoSchema,
      /** Without the token, so opening it puts no secret on the browser's command line. */
      url: z.string(),
      /** For the app's login page; shown to the person, never logged. */
      token: z.string(),
    }),
  }),
};
