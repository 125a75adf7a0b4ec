import { useRef } from 'react';
import { useNoticeStore } from './noticeStore';
import { NoticeBanner } from './NoticeBanner';

/**
 * A polite live region that is always in the page (a region added together with its text is
 * often not announced), so each new notice is read out without interrupting the person.
 */
export function NoticeStack({ onEmptied }: { onEmptied: () => void }) {
  const notices = useNoticeStore((state) => state.notices);
  const dismiss = useNoticeStore((state) => state.dismiss);
  const stackRef = useRef<HTMLDivElement>(null);

  // The pressed button is about to disappear: hand focus to a neighbour, or out of the stack.
  function dismissAt(index: number, id: number) {
    const buttons = stackRef.current?.querySelectorAll<HTMLElement>('.notice-dismiss');
    const neighbour = buttons?.item(index + 1) ?? buttons?.item(index - 1);
    if (neighbour) neighbour.focus();
    else onEmptied();
    dismiss(id);
  }

  return (
    <div ref={stackRef} className="notice-stack" role="log" aria-live="polite" aria-label="Notices" data-testid="notices">
      {notices.map((notice, index) => (
        <NoticeBanner key={notice.id} notice={notice} onDismiss={() => {
            dismissAt(index, notice.id);
          }} />
      ))}
    </div>
  );
}
