import { z } from 'zod';
import { JobFilePathSchema } from '../jobs/jobFilePath';
import { method } from './define';
import { JobRef } from './jobsMethods';

export const maxReadFileBytes = 1024 * 1024;
/** Each upload chunk stays well under the 8 MiB frame limit once base64 adds its third. */
export const maxUploadChunkBytes = 4 * 1024 * 1024 - 1;
const maxUploadChunkBase64 = Math.ceil(maxUploadChunkBytes / 3) * 4;

/** Which bytes of a file to read, and how to send them: the same for job files and any cluster file. */
export const byteRangeParams = {
  offset: z.number().int().min(0).default(0),
  length: z.number().int().min(1).max(maxReadFileBytes).default(256 * 1024),
  encoding: z.enum(['text', 'base64']).default('text'),
};

const place = { offset: z.number().int().min(0), nextOffset: z.number().int().min(0), size: z.number().int().min(0) };
export const ByteRangeSchema = z.discriminatedUnion('encoding', [
  z.strictObject({ encoding: z.literal('text'), text: z.string(), ...place }),
  z.strictObject({ encoding: z.literal('base64'), base64: z.string(), ...place }),
]);

/** One chunk of an upload, in order: the same for job folders and any cluster folder. */
export const uploadChunkParams = {
  offset: z.number().int().min(0),
  /** The whole file's size, for progress and to check nothing was lost on the way. */
  size: z.number().int().min(0).max(64 * 1024 * 1024 * 1024),
  dataBase64: z.string().max(maxUploadChunkBase64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
  final: z.boolean(),
};

/** Reading, downloading and uploading single files of a job folder, by paths relative to it. */
export const jobFilesMethods = {
  'jobs.readFile': method({
    summary: 'A byte range of one file in a job folder, as text (whole UTF-8 characters) or base64.',
    params: z.strictObject({ id: JobRef, path: JobFilePathSchema, ...byteRangeParams }),
    result: ByteRangeSchema,
  }),
  'jobs.download': method({
    summary: 'Copy one file of a job folder into the downloads folder (transfer.progress while it goes); answers where it landed.',
    params: z.strictObject({ id: JobRef, path: JobFilePathSchema }),
    result: z.strictObject({ localPath: z.string(), size: z.number().int().min(0) }),
  }),
  'jobs.upload': method({
    summary: 'One chunk of a file for a job folder, in order; the final chunk moves the whole file into place.',
    params: z.strictObject({
      id: JobRef,
      name: JobFilePathSchema,
      ...uploadChunkParams,
    }),
    result: z.strictObject({ received: z.number().int().min(0), done: z.boolean(), path: z.string().nullable() }),
  }),
};
