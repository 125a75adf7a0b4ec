import type { z } from 'zod';
import type { ByteRangeSchema } from '../../../shared/contract/jobFilesMethods';
import { AppError } from '../../../shared/errors';
import type { ClusterFiles } from '../backends/types';
import { wholeCharacters } from './jobOutputs';

type ByteRange = z.infer<typeof ByteRangeSchema>;

/**
 * Bytes [offset, offset+length) of a file, as base64 or as text that ends on a whole UTF-8
 * character (the next read starts with the one cut). `shownPath` names the file in errors.
 */
export async function readByteRange(files: ClusterFiles, target: string, shownPath: string, request: { offset: number; length: number; encoding: 'text' | 'base64' }): Promise<ByteRange> {
  const info = await files.stat(target);
  if (!info) throw new AppError('file-not-found', `${shownPath} is not there any more.`);
  if (info.isDirectory) throw new AppError('not-a-file', `${shownPath} is a folder; open one of its files.`, [{ path: 'path', message: 'This is a folder.' }]);
  const { length, encoding } = request;
  const start = Math.min(request.offset, info.size);
  const bytes = (await files.readFile(target, { offset: start, length })) ?? new Uint8Array();
  if (encoding === 'base64') return { encoding, base64: Buffer.from(bytes).toString('base64'), offset: start, nextOffset: start + bytes.length, size: info.size };
  const whole = bytes.length < length || start + bytes.length >= info.size ? bytes : wholeCharacters(bytes);
  return { encoding, text: new TextDecoder().decode(whole), offset: start, nextOffset: start + whole.length, size: info.size };
}
