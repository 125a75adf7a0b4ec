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
  add: ({ level, message, cause }) => {
    // One banner per cause (a reconnect signing in the same way), and the same words again
    // replace the old notice: the newest takes its place instead of stacking.
    const same = (notice: Notice) => (cause !== undefined && notice.cause === cause) || (notice.message === message && notice.level === level);
    const added: Notice = cause === undefined ? { id: ++nextId, level, message } : { id: ++nextId, level, message, cause };
    set((state) => ({ notices: [...state.notices.filter((notice) => !same(notice)), added].slice(-maxNotices) }));
  },
  dismiss: (id) => {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
}));
