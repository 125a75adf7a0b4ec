import type { ContractClient } from '../../shared/contract/client';

/** Under the contract's 4 MiB per chunk, and small enough that progress moves visibly. */
export const uploadChunkBytes = 2 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // btoa takes a binary string; building it in slices avoids one huge argument list.
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

export type UploadChunk = { offset: number; size: number; dataBase64: string; final: boolean };

/** Sends a file picked in the window chunk by chunk, in order, through `send`; answers where it landed. */
export async function uploadInChunks(file: File, send: (chunk: UploadChunk) => Promise<{ done: boolean; path: string | null }>): Promise<string> {
  let offset = 0;
  do {
    const end = Math.min(file.size, offset + uploadChunkBytes);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    const reply = await send({ offset, size: file.size, dataBase64: toBase64(bytes), final: end >= file.size });
    offset = end;
    if (reply.done) return reply.path ?? file.name;
  } while (offset < file.size);
  return file.name;
}

/** Sends a file picked in the window to the job folder. */
export function uploadFile(client: ContractClient, id: string, file: File, signal?: AbortSignal): Promise<string> {
  return uploadInChunks(file, (chunk) => client.call('jobs.upload', { id, name: file.name, ...chunk }, signal ? { signal } : {}));
}
