import { create } from 'zustand';

export type FileSort = { by: 'name' | 'size' | 'mtime'; descending: boolean };

type FilesState = {
  cluster: string;
  /** The folder shown; null until the cluster's home is known. */
  path: string | null;
  /** The file previewed, by absolute path. */
  preview: string | null;
  showHidden: boolean;
  nameFilter: string;
  sort: FileSort;
  open: (cluster: string, path: string | null) => void;
  setPreview: (path: string | null) => void;
  setShowHidden: (show: boolean) => void;
  setNameFilter: (text: string) => void;
  sortBy: (by: FileSort['by']) => void;
};

/** Where the Files view is: a cluster, a folder, the file previewed, and how the folder is shown. */
export const useFilesStore = create<FilesState>()((set) => ({
  cluster: 'embedded',
  path: null,
  preview: null,
  showHidden: false,
  nameFilter: '',
  sort: { by: 'name', descending: false },
  open: (cluster, path) => set({ cluster, path, preview: null, nameFilter: '' }),
  setPreview: (preview) => set({ preview }),
  setShowHidden: (showHidden) => set({ showHidden }),
  setNameFilter: (nameFilter) => set({ nameFilter }),
  sortBy: (by) => set((state) => ({ sort: { by, descending: state.sort.by === by ? !state.sort.descending : by !== 'name' } })),
}));
