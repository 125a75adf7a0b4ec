import { Button } from 'react-aria-components';
import { Icon, type IconName } from '../theme/Icon';
import type { Notice, NoticeLevel } from './noticeStore';

const levelIcons: Record<NoticeLevel, IconName> = { info: 'info', warning: 'warning', error: 'error' };
const levelNames: Record<NoticeLevel, string> = { info: 'Note', warning: 'Warning', error: 'Error' };

export function NoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <div className="banner" data-level={notice.level} data-testid="notice">
      <Icon name={levelIcons[notice.level]} className="banner-icon" />
      <p className="banner-body banner-message">
        <span className="visually-hidden">{levelNames[notice.level]}: </span>
        {notice.message}
      </p>
      <Button className="icon-button notice-dismiss" aria-label="Dismiss notice" onPress={onDismiss} data-testid="dismiss-notice">
        <Icon name="close" />
      </Button>
    </div>
  );
}
