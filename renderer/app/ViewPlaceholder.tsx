import type { ReactNode } from 'react';
import { Icon, type IconName } from '../theme/Icon';
import './viewPlaceholder.css';

/** The page of a view that is not built yet: its title and what it will hold. */
export function ViewPlaceholder({ title, icon, children }: { title: string; icon: IconName; children: ReactNode }) {
  return (
    <div className="view-placeholder">
      <span className="view-placeholder-icon">
        <Icon name={icon} />
      </span>
      <h1 className="view-placeholder-title">{title}</h1>
      <p className="view-placeholder-text">{children}</p>
    </div>
  );
}
