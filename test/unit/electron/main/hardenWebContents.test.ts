import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenWebContents, type HardenableContents } from '../../../../electron/main/hardenWebContents';

/** A named fake of WebContents: records the handlers hardenWebContents installs. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function harden() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  hardenWebContents(contents as unknown as HardenableContents, async (url) => (opened.push(url), true));
  return { contents, opened };
}

function fire(contents: FakeWebContents, event: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
  return prevented;
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview', 'will-frame-navigate'])('blocks %s', (event) => {
    expect(fire(harden().contents, event)).toBe(true);
  });

  it('denies every new window and hands only http(s) links to the checked opener', () => {
    const { contents, opened } = harden();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://slurm.schedmd.com/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://slurm.schedmd.com/']);
  });
});
