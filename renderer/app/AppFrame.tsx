import { useRef } from 'react';
import { TabPanel, Tabs } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { AboutButton } from '../about/AboutButton';
import { AuthPromptHost } from '../auth/AuthPromptHost';
import { useConnectionsFeed } from '../clusters/useConnectionsFeed';
import { useJobsFeed } from '../jobs/useJobsFeed';
import { useQueueFeed } from '../queue/useQueueFeed';
import { HostKeyPromptHost } from '../hostkeys/HostKeyPromptHost';
import { RefusedHostKeyHost } from '../hostkeys/RefusedHostKeyHost';
import { NoticeStack } from '../notices/NoticeStack';
import { useJobEndNotifications } from '../notifications/useJobEndNotifications';
import { useNoticeSubscription } from '../notices/useNoticeSubscription';
import { useSettingsFeed } from '../settings/useSettingsFeed';
import { useTerminalFeed } from '../terminal/useTerminalFeed';
import { AppHeader } from './AppHeader';
import { appViews } from './appViews';
import { ConnectionLostBanner } from './ConnectionLostBanner';
import { isViewId, useNavigationStore } from './navigationStore';
import { useMenuCommands } from './useMenuCommands';
import { ViewNavigation } from './ViewNavigation';
import './appFrame.css';

/** The window once connected: header, navigation on the left, the chosen view on the right. */
export function AppFrame({ client }: { client: ContractClient }) {
  const view = useNavigationStore((state) => state.view);
  const showView = useNavigationStore((state) => state.showView);
  const mainRef = useRef<HTMLElement>(null);
  useNoticeSubscription(client);
  useConnectionsFeed(client);
  useJobsFeed(client);
  useQueueFeed(client);
  useSettingsFeed(client);
  useJobEndNotifications(client);
  useTerminalFeed(client);
  useMenuCommands(client);

  return (
    <>
      <Tabs
        className="app-frame"
        orientation="vertical"
        selectedKey={view}
        onSelectionChange={(key) => {
          if (isViewId(key)) showView(key);
        }}
      >
        <AppHeader transport={client.transport} />
        <nav className="app-sidebar" aria-label="Main">
          <ViewNavigation />
          <div className="app-sidebar-footer">
            <AboutButton client={client} />
          </div>
        </nav>
        <main className="app-main" ref={mainRef} tabIndex={-1}>
          <div className="app-banners">
            <ConnectionLostBanner />
            <NoticeStack onEmptied={() => mainRef.current?.focus()} />
          </div>
          {appViews.map(({ id, Component }) => (
            <TabPanel key={id} id={id} className="app-view">
              <Component />
            </TabPanel>
          ))}
        </main>
      </Tabs>
      {/* Outside the Tabs: their collection is also rendered hidden once, which would open every
          prompt twice. */}
      <HostKeyPromptHost client={client} />
      <AuthPromptHost client={client} />
      <RefusedHostKeyHost />
    </>
  );
}
