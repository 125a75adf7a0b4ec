import type { RemoteEntry } from '../../shared/contract/filesMethods';
import type { FileSort } from './filesStore';

/** The entries shown: hidden ones only when asked, those whose name has the text, folders first, then by the chosen order. */
export function shownEntries(entries: readonly RemoteEntry[], options: { showHidden: boolean; nameFilter: string; sort: FileSort }): RemoteEntry[] {
  const needle = options.nameFilter.trim().toLowerCase();
  const sign = options.sort.descending ? -1 : 1;
  const key = (entry: RemoteEntry) => (options.sort.by === 'size' ? entry.size : options.sort.by === 'mtime' ? entry.mtimeMs : 0);
  return entries
    .filter((entry) => (options.showHidden || !entry.name.startsWith('.')) && (needle === '' || entry.name.toLowerCase().includes(needle)))
    .sort((a, b) => {
      if (a.isDirectory !== b.isDirectory) return a.isDirectory ? -1 : 1;
      const order = options.sort.by === 'name' ? a.name.localeCompare(b.name, undefined, { numeric: true }) : key(a) - key(b);
      return sign * order || a.name.localeCompare(b.name);
    });
}

/** `/home/ada/runs` → [`/`, `/home`, `/home/ada`, `/home/ada/runs`] with their names. */
export function breadcrumbs(path: string): { name: string; path: string }[] {
  const parts = path.split('/').filter(Boolean);
  return [{ name: '/', path: '/' }, ...parts.map((name, index) => ({ name, path: `/${parts.slice(0, index + 1).join('/')}` }))];
}

export function childPath(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}
