import { z } from 'zod';
import { FileNameSchema, RemotePathSchema } from '../files/remotePath';
import { method } from './define';
import { ByteRangeSchema, byteRangeParams, uploadChunkParams } from './jobFilesMethods';

const ClusterRef = z.string().min(1).max(64);
/** Entries sent for one folder: a folder larger than this is listed in part, and says so. */
export const maxListedEntries = 50_000;

export const RemoteEntrySchema = z.strictObject({
  name: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  isDirectory: z.boolean(),
  isLink: z.boolean(),
  mode: z.number(),
});
export type RemoteEntry = z.infer<typeof RemoteEntrySchema>;

/** Browsing and transferring any folder the person can read on a cluster, by absolute path. */
export const filesMethods = {
  'files.places': method({
    summary: 'Where browsing starts on a cluster: the home folder, the job folder base, and $SCRATCH, $WORK, $PROJECT where set.',
    params: z.strictObject({ cluster: ClusterRef }),
    result: z.strictObject({ places: z.array(z.strictObject({ label: z.string(), path: z.string() })) }),
  }),
  'files.list': method({
    summary: 'The entries of one folder on a cluster (links are shown as links, never followed here).',
    params: z.strictObject({ cluster: ClusterRef, path: RemotePathSchema }),
    result: z.strictObject({ path: z.string(), entries: z.array(RemoteEntrySchema), truncated: z.boolean() }),
  }),
  'files.read': method({
    summary: 'A byte range of one file on a cluster, as text (whole UTF-8 characters) or base64.',
    params: z.strictObject({ cluster: ClusterRef, path: RemotePathSchema, ...byteRangeParams }),
    result: ByteRangeSchema,
  }),
  'files.download': method({
    summary: 'Copy a file or a whole folder from a cluster into the downloads folder (transfer.progress while it goes); `resume` continues what a cut or a pause left.',
    params: z.strictObject({ cluster: ClusterRef, path: RemotePathSchema, resume: z.boolean().default(false) }),
    result: z.strictObject({
      localPath: z.string(),
      files: z.number().int().min(0),
      bytes: z.number().int().min(0),
      /** Entries left out, each with why (a link leading out of the folder, a name this computer cannot hold). */
      skipped: z.array(z.strictObject({ path: z.string(), reason: z.string() })),
    }),
  }),
  'files.upload': method({
    summary: 'One chunk of a file for a folder on a cluster, in order; the final chunk moves the whole file into place.',
    params: z.strictObject({
      cluster: ClusterRef,
      folder: RemotePathSchema,
      name: FileNameSchema,
      ...uploadChunkParams,
    }),
    result: z.strictObject({ received: z.number().int().min(0), done: z.boolean(), path: z.string().nullable() }),
  }),
  'files.rename': method({
    summary: 'Rename a file or folder within its folder on a cluster; an existing name is never replaced.',
    params: z.strictObject({ cluster: ClusterRef, path: RemotePathSchema, name: FileNameSchema }),
    result: z.strictObject({ path: z.string() }),
  }),
  'files.delete': method({
    summary: 'Delete a file, or a folder with everything in it, on a cluster (the window asks first).',
    params: z.strictObject({ cluster: ClusterRef, path: RemotePathSchema }),
    result: z.strictObject({ deleted: z.string() }),
  }),
};
