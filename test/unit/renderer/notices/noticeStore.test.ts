import { beforeEach, describe, expect, it } from 'vitest';
import { useNoticeStore } from '../../../../renderer/notices/noticeStore';

describe('noticeStore', () => {
  beforeEach(() => useNoticeStore.setState({ notices: [] }));

  it('keeps one banner per cause, the newest replacing the older', () => {
    const { add } = useNoticeStore.getState();
    add({ level: 'warning', message: 'Signed in to hpc with a password.', cause: 'sign-in-method:hpc' });
    add({ level: 'info', message: 'Something else.' });
    add({ level: 'warning', message: 'Signed in to hpc with keyboard-interactive.', cause: 'sign-in-method:hpc' });
    expect(useNoticeStore.getState().notices.map((notice) => notice.message)).toEqual(['Something else.', 'Signed in to hpc with keyboard-interactive.']);
  });

  it('still stacks notices about different causes', () => {
    const { add } = useNoticeStore.getState();
    add({ level: 'warning', message: 'Signed in to hpc with a password.', cause: 'sign-in-method:hpc' });
    add({ level: 'warning', message: 'Signed in to gpu with a password.', cause: 'sign-in-method:gpu' });
    expect(useNoticeStore.getState().notices).toHaveLength(2);
  });
});
