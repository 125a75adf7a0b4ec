import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobState } from '../../shared/jobs/jobState';
import { isTerminal } from '../../shared/jobs/jobState';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type LogStream = 'stdout' | 'stderr';

/** The tail shown and the most kept while following: enough to see what a job is doing. */
export const tailBytes = 64 * 1024;
const followEveryMs = 1000;

type Tail = { text: string; size: number; truncated: boolean; error: string | null; loading: boolean };
const emptyTail: Tail = { text: '', size: 0, truncated: false, error: null, loading: true };

/**
 * The end of a job's stdout or stderr. Refresh reads the last 64 KiB again; Follow asks every
 * second for what was written after the last piece, until the job ends. It is read again
 * whenever the job's state changes, so the end of a finished job's output is always there.
 */
export function useLogTail(client: ContractClient, id: string, stream: LogStream, state: JobState) {
  const [tail, setTail] = useState<Tail>(emptyTail);
  const [following, setFollowing] = useState(false);
  const nextOffset = useRef(0);

  // Answers with the new tail rather than setting it, so the effect below sets state only in a callback.
  const readTail = useCallback(
    async (current: Tail): Promise<Tail> => {
      try {
        const chunk = await client.call('jobs.logs', { id, stream, task: null, tail: true, length: tailBytes });
        nextOffset.current = chunk.nextOffset;
        return { text: chunk.text, size: chunk.size, truncated: chunk.offset > 0, error: null, loading: false };
      } catch (error) {
        reportIfDisconnected(error);
        const message = error instanceof Error ? error.message : 'The log could not be read.';
        return { ...current, error: message, loading: false };
      }
    },
    [client, id, stream],
  );

  useEffect(() => {
    let live = true;
    void readTail(emptyTail).then((next) => live && setTail(next));
    return () => {
      live = false;
    };
  }, [readTail, state]);

  const terminal = isTerminal(state);
  useEffect(() => {
    if (!following || terminal) return;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      client
        .call('jobs.logs', { id, stream, task: null, tail: false, offset: nextOffset.current, length: tailBytes })
        .then((chunk) => {
          nextOffset.current = chunk.nextOffset;
          if (chunk.text === '') return;
          setTail((current) => {
            const text = current.text + chunk.text;
            const kept = text.length > tailBytes ? text.slice(-tailBytes) : text;
            return { ...current, text: kept, size: chunk.size, truncated: current.truncated || kept !== text, error: null };
          });
        })
        .catch(reportIfDisconnected)
        .finally(() => {
          busy = false;
        });
    }, followEveryMs);
    return () => clearInterval(timer);
  }, [client, id, stream, following, terminal]);

  return {
    tail,
    following,
    setFollowing,
    canFollow: !terminal,
    refresh: () => {
      setTail((current) => ({ ...current, loading: true }));
      void readTail(tail).then(setTail);
    },
  };
}
