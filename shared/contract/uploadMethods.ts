import { z } from 'zod';
import { method } from './define';

const AbsolutePath = z.string().min(1).max(4096).regex(/^(\/|[A-Za-z]:[\\/])/, 'Give an absolute path, like /home/you/project/train.py');

/** Codes of the errors uploads.* answer with, so the window can tell them apart without reading messages. */
export const UploadErrorCode = {
  /** Not there, not a regular file or folder (a link, a device), or not readable. */
  unusable: 'upload-unusable',
  /** Owned by another user: shipping it could leak someone else's files. */
  notOwned: 'upload-not-owned',
  /** Under ~/.ssh, or the whole home folder. */
  refused: 'upload-refused',
  /** The path is not inside the folder given as the root. */
  outsideRoot: 'upload-outside-root',
} as const;

export const UploadCheckSchema = z.strictObject({
  /** What was picked, and the folder the job's `project/` mirrors. */
  path: z.string(),
  root: z.string(),
  kind: z.enum(['file', 'folder']),
  /** The path relative to root ("." for the root itself): the upload's include and a file target's path. */
  relative: z.string(),
  /** `pkg.train` for `pkg/train.py` when every part is a Python name; null otherwise. */
  module: z.string().nullable(),
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** The first files shipped, relative to root, for the preview. */
  sample: z.array(z.string()).max(50),
});
export type UploadCheck = z.infer<typeof UploadCheckSchema>;

export const UploadFolderEntrySchema = z.strictObject({ name: z.string(), kind: z.enum(['file', 'folder']) });

/**
 * Picking files on this computer to ship with a job. The window has no file access of its own (and
 * a browser's file input hides paths), so main lists folders and checks the pick.
 */
export const uploadMethods = {
  'uploads.check': method({
    summary: 'Check a file or folder to ship with a job (a regular file or folder the user owns and can read, within the upload limits) and say what would go.',
    params: z.strictObject({ path: AbsolutePath, root: AbsolutePath.optional() }),
    result: UploadCheckSchema,
  }),
  'uploads.browse': method({
    summary: "A folder's files and subfolders (links and devices left out), for picking what to ship; the home folder when none is given.",
    params: z.strictObject({ folder: AbsolutePath.optional() }),
    result: z.strictObject({
      folder: z.string(),
      /** Null at the top of the file system. */
      parent: z.string().nullable(),
      entries: z.array(UploadFolderEntrySchema).max(2000),
      /** More entries than listed. */
      truncated: z.boolean(),
    }),
  }),
};
