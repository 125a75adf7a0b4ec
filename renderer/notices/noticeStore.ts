import { create } from 'zustand';
import type { EventPayload } from '../../shared/contract/index';

export type NoticePayload = EventPayload<'app.notice'>;
export type NoticeLevel = NoticePayload['level'];
export type Notice = NoticePayload & { id: number };

/** Older notices give way: a burst from main must not push the views off the screen. */
export const maxNotices = 4;

type NoticeState = {
  notices: Notice[];
  add: (notice: NoticePayload) => void;
  dismiss: (id: number) => void;
};

let nextId = 0;

export const useNoticeStore = create<NoticeState>()((set) => ({
  notices: [],
  add: ({ level, message }) => {
    // The same words again (a reconnect logging in the same way) replace the old notice, not stack.
    set((state) => ({
      notices: [...state.notices.filter((notice) => notice.message !== message || notice.level !== level), { id: ++nextId, level, message }].slice(-maxNotices),
    }));
  },
  dismiss: (id) => {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
}));
