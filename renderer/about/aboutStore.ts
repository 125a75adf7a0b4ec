import { create } from 'zustand';

/** Whether the About panel is open: its button opens it, and so does the Help menu. */
export const useAboutStore = create<{ open: boolean; setOpen: (open: boolean) => void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
