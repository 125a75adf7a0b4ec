import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import type { Loaded } from './useJobRecord';

const pieceBytes = 1024 * 1024;

function messageOf(error: unknown): string {
  reportIfDisconnected(error);
  return error instanceof Error && error.message ? error.message : 'The file could not be read.';
}

export type FileText = { text: string; size: number; complete: boolean };

/** Up to `limit` bytes of a job file as text (whole characters), a megabyte per request. */
export function useJobFileText(client: ContractClient, id: string, path: string, limit: number): Loaded<FileText> {
  const [state, setState] = useState<{ key: string; value: Loaded<FileText> } | null>(null);
  const key = `${id}/${path}/${limit}`;
  useEffect(() => {
    let live = true;
    (async () => {
      let text = '';
      let offset = 0;
      let size = 0;
      do {
        const piece = await client.call('jobs.readFile', { id, path, offset, length: Math.min(pieceBytes, limit - offset), encoding: 'text' });
        if (piece.encoding !== 'text') break;
        text += piece.text;
        size = piece.size;
        if (piece.nextOffset === offset) break;
        offset = piece.nextOffset;
      } while (offset < size && offset < limit && live);
      return { text, size, complete: offset >= size };
    })().then(
      (value) => live && setState({ key, value: { status: 'ready', value } }),
      (error: unknown) => live && setState({ key, value: { status: 'failed', message: messageOf(error) } }),
    );
    return () => {
      live = false;
    };
  }, [client, id, path, limit, key]);
  return state?.key === key ? state.value : { status: 'loading' };
}

/**
 * A job file as a blob: URL (images), read in pieces up to `limit` bytes. The URL is revoked when
 * the viewer closes, so the bytes do not outlive it.
 */
export function useJobFileUrl(client: ContractClient, id: string, path: string, type: string, limit: number): Loaded<{ url: string; size: number }> {
  const [state, setState] = useState<{ key: string; value: Loaded<{ url: string; size: number }> } | null>(null);
  const key = `${id}/${path}`;
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    (async () => {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let offset = 0;
      let size = 0;
      do {
        const piece = await client.call('jobs.readFile', { id, path, offset, length: pieceBytes, encoding: 'base64' });
        if (piece.encoding !== 'base64') break;
        size = piece.size;
        if (size > limit) throw new Error(`This image is ${Math.round(size / 1024 / 1024)} MiB, more than the viewer opens; download it instead.`);
        parts.push(Uint8Array.from(atob(piece.base64), (character) => character.charCodeAt(0)));
        if (piece.nextOffset === offset) break;
        offset = piece.nextOffset;
      } while (offset < size && live);
      return { parts, size };
    })().then(
      ({ parts, size }) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob(parts, { type }));
        setState({ key, value: { status: 'ready', value: { url, size } } });
      },
      (error: unknown) => live && setState({ key, value: { status: 'failed', message: messageOf(error) } }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, id, path, type, limit, key]);
  return state?.key === key ? state.value : { status: 'loading' };
}
