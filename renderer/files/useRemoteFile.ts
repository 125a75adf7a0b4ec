import { useEffect, useMemo, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import type { Loaded } from '../job/useJobRecord';

const callBytes = 1024 * 1024;

export type RemoteBytes = { bytes: Uint8Array; size: number; complete: boolean };

/**
 * The first `limit` bytes of a file on a cluster (from `offset`), read a megabyte per call: a
 * preview costs what it shows, whatever the file's size.
 */
export function useRemoteBytes(client: ContractClient, cluster: string, path: string, limit: number, offset = 0): Loaded<RemoteBytes> {
  const key = `${cluster}\0${path}\0${limit}\0${offset}`;
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded<RemoteBytes> } | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const pieces: Uint8Array[] = [];
        let at = offset;
        let size = 0;
        for (;;) {
          const reply = await client.call('files.read', { cluster, path, offset: at, length: Math.min(callBytes, offset + limit - at), encoding: 'base64' });
          if (reply.encoding !== 'base64') break;
          size = reply.size;
          const bytes = Uint8Array.from(atob(reply.base64), (character) => character.charCodeAt(0));
          pieces.push(bytes);
          at = reply.nextOffset;
          if (bytes.length === 0 || at >= size || at >= offset + limit || !live) break;
        }
        const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
        const bytes = new Uint8Array(total);
        let position = 0;
        for (const piece of pieces) {
          bytes.set(piece, position);
          position += piece.length;
        }
        if (live) setLoaded({ key, state: { status: 'ready', value: { bytes, size, complete: offset + total >= size } } });
      } catch (error) {
        reportIfDisconnected(error);
        if (live) setLoaded({ key, state: { status: 'failed', message: error instanceof Error ? error.message : 'The file could not be read.' } });
      }
    })();
    return () => {
      live = false;
    };
  }, [client, cluster, path, limit, offset, key]);
  return loaded?.key === key ? loaded.state : { status: 'loading' };
}

/** A blob: URL of the bytes with a type, revoked when the preview goes. */
export function useBlobUrl(bytes: Uint8Array | null, type: string): string | null {
  const url = useMemo(() => (bytes ? URL.createObjectURL(new Blob([bytes.slice().buffer], { type })) : null), [bytes, type]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}
