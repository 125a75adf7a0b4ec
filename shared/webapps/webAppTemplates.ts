import { z } from 'zod';

export const webAppTemplateIds = ['jupyter', 'tensorboard', 'code-server', 'any', 'debugpy'] as const;
export const WebAppTemplateIdSchema = z.enum(webAppTemplateIds);
export type WebAppTemplateId = z.infer<typeof WebAppTemplateIdSchema>;

export type WebAppTemplate = { id: WebAppTemplateId; title: string; description: string };

/** The web apps a job can serve; the cluster must have the program (the job says so if not). */
export const webAppTemplates: readonly WebAppTemplate[] = [
  { id: 'jupyter', title: 'Jupyter', description: 'JupyterLab, or the classic Notebook where Lab is missing, with a token only you hold.' },
  { id: 'tensorboard', title: 'TensorBoard', description: 'TensorBoard on a log folder. It has no password of its own: only the forward on this computer reaches it.' },
  { id: 'code-server', title: 'VS Code (code-server)', description: 'VS Code in the browser; the password is the job\'s token.' },
  { id: 'any', title: 'Any web app on a port', description: 'Your command, started with $PORT set to a free port (and $WEBAPP_TOKEN_FILE naming the token file).' },
  { id: 'debugpy', title: 'Python under a debugger (debugpy)', description: 'Your Python script and its arguments, waiting for a debugger: attach VS Code ("Python: Remote Attach") to the forwarded 127.0.0.1 port.' },
];

/** What a web app job writes once its port is chosen (`webapp.json`); the token stays in its own 0600 file. */
export const WebAppDescriptorSchema = z.strictObject({
  template: WebAppTemplateIdSchema,
  port: z.number().int().min(1).max(65535),
  /** The page to open, with `{token}` where the token goes (Jupyter's `?token=`), or without it. */
  path: z.string().max(512).regex(/^\//),
});
export type WebAppDescriptor = z.infer<typeof WebAppDescriptorSchema>;

export const webAppFiles = { descriptor: 'webapp.json', token: 'webapp-token' } as const;
