import { useCallback, useState } from 'react';

const storageKey = 'slurmdesk.results.hiddenColumns';
const maxRemembered = 200;

/**
 * Columns the person hid, remembered per job name (a sweep submitted again has the same columns)
 * in the window's own storage: a preference, not data, so nothing is sent to main for it.
 */
export function useHiddenColumns(name: string): [ReadonlySet<string>, (column: string, hidden: boolean) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(readAll()[name] ?? []));
  const toggle = useCallback(
    (column: string, hide: boolean) => {
      setHidden((current) => {
        const next = new Set(current);
        if (hide) next.add(column);
        else next.delete(column);
        writeOne(name, [...next]);
        return next;
      });
    },
    [name],
  );
  return [hidden, toggle];
}

function readAll(): Record<string, string[]> {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(storageKey) ?? '{}');
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((item) => typeof item === 'string')));
  } catch {
    return {};
  }
}

function writeOne(name: string, columns: string[]): void {
  try {
    const all = readAll();
    delete all[name];
    const kept = Object.entries(all).slice(-(maxRemembered - 1));
    globalThis.localStorage?.setItem(storageKey, JSON.stringify(Object.fromEntries([...kept, [name, columns]])));
  } catch {
    // Storage full or refused: the choice lasts for this view only.
  }
}
