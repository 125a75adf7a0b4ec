import { Tab, TabList } from 'react-aria-components';
import { Icon } from '../theme/Icon';
import { appViews } from './appViews';

/** The main views as a vertical tab list: arrow keys move between them, Tab leaves the list. */
export function ViewNavigation() {
  return (
    <TabList className="view-nav" aria-label="Views">
      {appViews.map(({ id, label, icon }) => (
        <Tab key={id} id={id} className="view-nav-item" data-testid={`nav-${id}`}>
          <Icon name={icon} />
          <span>{label}</span>
        </Tab>
      ))}
    </TabList>
  );
}
