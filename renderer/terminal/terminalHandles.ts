import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { ContractClient } from '../../shared/contract/client';
import { maxTerminalWriteChars } from '../../shared/contract/terminalMethods';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { openWithMirroredStyles } from './mirrorXtermStyles';

/**
 * One xterm.js per open terminal, kept outside React: switching tabs or views unmounts the
 * component but must not lose the screen or the scrollback. Bytes from main go only into
 * term.write — xterm draws them; they never become HTML.
 */
export type TerminalHandle = {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** The element xterm lives in; moved into whichever pane shows it. */
  container: HTMLDivElement;
  opened: boolean;
  dispose: () => void;
};

const handles = new Map<string, TerminalHandle>();
/** Output that arrived before terminal.open answered (the first prompt can be that quick). */
const early = new Map<string, string[]>();

export function terminalHandle(id: string): TerminalHandle | undefined {
  return handles.get(id);
}

export function createTerminalHandle(client: ContractClient, id: string): TerminalHandle {
  const term = new Terminal({ scrollback: 10_000, cursorBlink: true, allowProposedApi: false, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  const container = document.createElement('div');
  container.className = 'terminal-surface';
  const send = (data: string) => {
    for (let start = 0; start < data.length; start += maxTerminalWriteChars) {
      client.call('terminal.write', { id, data: data.slice(start, start + maxTerminalWriteChars) }).catch(reportIfDisconnected);
    }
  };
  const typing = term.onData(send);
  const resizing = term.onResize(({ cols, rows }) => void client.call('terminal.resize', { id, cols, rows }).catch(reportIfDisconnected));
  // Ctrl+Shift+C copies the selection; Ctrl+Shift+V is left to the browser, whose paste event
  // xterm reads (with bracketed paste when the shell asked for it).
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC') {
      void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
      return false;
    }
    return event.code !== 'KeyV';
  });
  let unmirror = () => undefined as void;
  const handle: TerminalHandle = {
    term,
    fit,
    search,
    container,
    opened: false,
    dispose: () => {
      typing.dispose();
      resizing.dispose();
      unmirror();
      term.dispose();
      handles.delete(id);
    },
  };
  const openOnce = term.open.bind(term);
  term.open = (parent: HTMLElement) => {
    unmirror = openWithMirroredStyles(openOnce, parent);
  };
  handles.set(id, handle);
  for (const data of early.get(id) ?? []) term.write(data);
  early.delete(id);
  return handle;
}

/** Output for a terminal: into its xterm, or held until it exists. */
export function terminalOutput(id: string, data: string): void {
  const handle = handles.get(id);
  if (handle) handle.term.write(data);
  else if ((early.get(id)?.length ?? 0) < 1000) early.set(id, [...(early.get(id) ?? []), data]);
}
