import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { isTerminal, type JobState } from '../../shared/jobs/jobState';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { appendPiece, emptyWindow, prependPiece, windowFromTail, type LogWindow } from '../../shared/logs/logWindow';

export type LogStream = 'stdout' | 'stderr';

/** What one request reads: the first screenful of a 10 GB log costs this much. */
export const pieceBytes = 256 * 1024;
const followEveryMs = 1000;
/** Further behind than this while following, the end is read afresh instead of catching up. */
const catchUpLimit = 4 * pieceBytes;

export type StaleMark = { fetchedAt: string | null };

/** One piece of a log, as jobs.logs and queue.logs both answer. */
export type LogPiece = { text: string; offset: number; nextOffset: number; size: number; stale: boolean; fetchedAt?: string | undefined };
/** Reads the end of a log, or a range of it by byte offset. */
export type LogReader = (request: { tail: true; length: number } | { offset: number; length: number }) => Promise<LogPiece>;

/** The reader of an app job's log (jobs.logs), one task of an array when `task` is given. */
export function appJobLogReader(client: ContractClient, id: string, stream: LogStream, task: number | null): LogReader {
  return (request) => client.call('jobs.logs', { id, stream, task, ...request });
}

type LogState = { window: LogWindow; loading: boolean; error: string | null; stale: StaleMark | null; revision: number; prepended: number };

const initialState: LogState = { window: emptyWindow, loading: true, error: null, stale: null, revision: 0, prepended: 0 };

function messageOf(error: unknown): string {
  reportIfDisconnected(error);
  return error instanceof Error && error.message ? error.message : 'The log could not be read.';
}

/**
 * A bounded window onto a job's stdout or stderr, read by byte offset: the tail first, earlier
 * pieces on request, and — while following — what is appended, once a second. `revision` counts
 * changes so the view knows when to stick to the end; `prepended` how many lines the last page
 * back added at the top, so the view can stay where it was.
 */
export function useLogWindow(reader: LogReader, state: JobState) {
  const [log, setLog] = useState<LogState>(initialState);
  const [following, setFollowing] = useState(!isTerminal(state));
  const windowRef = useRef(log.window);
  windowRef.current = log.window;
  const busy = useRef(false);

  const read = useCallback(
    (params: { tail: true } | { offset: number; length: number }) => reader('tail' in params ? { tail: true, length: pieceBytes } : { offset: params.offset, length: params.length }),
    [reader],
  );

  const staleOf = (piece: { stale: boolean; fetchedAt?: string | undefined }): StaleMark | null => (piece.stale ? { fetchedAt: piece.fetchedAt ?? null } : null);

  const readTail = useCallback(async () => {
    busy.current = true;
    setLog((current) => ({ ...current, loading: true }));
    try {
      const piece = await read({ tail: true });
      setLog((current) => ({ window: windowFromTail(piece), loading: false, error: null, stale: staleOf(piece), revision: current.revision + 1, prepended: 0 }));
    } catch (error) {
      setLog((current) => ({ ...current, loading: false, error: messageOf(error) }));
    } finally {
      busy.current = false;
    }
  }, [read]);

  const pageBack = useCallback(async () => {
    const window = windowRef.current;
    if (busy.current || window.start === 0) return;
    busy.current = true;
    const offset = Math.max(0, window.start - pieceBytes);
    try {
      const piece = await read({ offset, length: window.start - offset });
      setLog((current) => {
        const { window: next, added } = prependPiece(current.window, piece);
        return { ...current, window: next, error: null, stale: staleOf(piece), revision: current.revision + 1, prepended: added };
      });
      // Paging back leaves the end: following would pull the view away from what is being read.
      setFollowing(false);
    } catch (error) {
      setLog((current) => ({ ...current, error: messageOf(error) }));
    } finally {
      busy.current = false;
    }
  }, [read]);

  const terminal = isTerminal(state);
  // The end is read on opening, and once more when the job ends, for its last words.
  useEffect(() => {
    void readTail();
  }, [terminal, readTail]);

  useEffect(() => {
    if (!following || terminal) return;
    const timer = setInterval(() => {
      if (busy.current) return;
      const window = windowRef.current;
      busy.current = true;
      read({ offset: window.end, length: pieceBytes * 4 })
        .then((piece) => {
          if (piece.size - piece.nextOffset > catchUpLimit) return read({ tail: true }).then((tail) => setLog((current) => ({ ...current, window: windowFromTail(tail), error: null, stale: staleOf(tail), revision: current.revision + 1, prepended: 0 })));
          if (piece.text === '' && piece.size === window.size) return;
          setLog((current) => ({ ...current, window: appendPiece(current.window, piece), error: null, stale: staleOf(piece), revision: current.revision + 1, prepended: 0 }));
          return undefined;
        })
        .catch((error: unknown) => setLog((current) => ({ ...current, error: messageOf(error) })))
        .finally(() => {
          busy.current = false;
        });
    }, followEveryMs);
    return () => clearInterval(timer);
  }, [read, following, terminal]);

  return { ...log, following: following && !terminal, canFollow: !terminal, setFollowing, pageBack, jumpToEnd: readTail };
}
