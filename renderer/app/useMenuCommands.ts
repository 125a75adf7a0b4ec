import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/app/menuCommands';
import type { ContractClient } from '../../shared/contract/client';
import { useAboutStore } from '../about/aboutStore';
import { useNavigationStore, type ViewId } from './navigationStore';

/** The submit form listens for this: the File menu's Submit Job and Ctrl/Cmd+Enter. */
export const submitRequestedEvent = 'slurmdesk:submit-requested';

/** Carries out what the application menu asks (desktop only; browser mode has no menu). */
export function useMenuCommands(client: ContractClient) {
  useEffect(() => client.on('app.menuCommand', ({ command }) => carryOut(command)), [client]);
}

function carryOut(command: MenuCommand) {
  if (command.startsWith('view:')) {
    useNavigationStore.getState().showView(command.slice('view:'.length) as ViewId);
  } else if (command === 'about') {
    useAboutStore.getState().setOpen(true);
  } else if (command === 'submit') {
    useNavigationStore.getState().showView('submit');
    window.dispatchEvent(new Event(submitRequestedEvent));
  } else {
    // Find: the search field of the view on screen (the jobs filter, a log's search).
    document.querySelector<HTMLInputElement>('.app-view:not([hidden]) input[type="search"]')?.focus();
  }
}
