import { describe, expect, it } from 'vitest';
import { CallerHandle } from '../../../../../shared/contract/caller';
import { EventHub } from '../../../../../shared/contract/eventHub';
import type { EventName } from '../../../../../shared/contract';
import type { PtyProcess } from '../../../../../electron/services/terminal/ptyProcess';
import { TerminalSessions, type TerminalRequest } from '../../../../../electron/services/terminal/terminalSessions';

/** A fake PTY (no program behind it): the test plays the far end's output and exit. */
function fakePty() {
  let data = (_chunk: Buffer) => undefined as void;
  let exit = (_code: number | null) => undefined as void;
  const pty: PtyProcess & { killed: boolean } = {
    killed: false,
    write: () => undefined,
    resize: () => undefined,
    kill: () => {
      pty.killed = true;
      exit(null);
    },
    onData: (listener) => (data = listener),
    onExit: (listener) => (exit = listener),
  };
  return { pty, print: (chunk: Buffer) => data(chunk), exit: (code: number | null) => exit(code) };
}

function setup(options: { lost?: boolean; running?: boolean } = {}) {
  const hub = new EventHub();
  const heard: { event: EventName; payload: unknown; to: string | null }[] = [];
  hub.subscribe((event, payload, to) => heard.push({ event, payload, to }));
  const far = fakePty();
  const sessions = new TerminalSessions({
    hub,
    audit: { record: () => undefined },
    openShell: async () => ({ pty: far.pty, node: 'c01', connectionLost: () => options.lost ?? false }),
    jobRunning: async () => options.running ?? true,
  });
  return { sessions, heard, far };
}

const request: TerminalRequest = { cluster: 'hpc', job: '42', slurmId: '42', node: null, cols: 80, rows: 24 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TerminalSessions', () => {
  it('decodes a character split across chunks, and sends output to its opener only', async () => {
    const { sessions, heard, far } = setup();
    const window = new CallerHandle('w1');
    const info = await sessions.openFor(window, request);
    const euro = Buffer.from('€', 'utf8');
    far.print(euro.subarray(0, 1));
    far.print(euro.subarray(1));
    const output = heard.filter((entry) => entry.event === 'terminal.output');
    expect(output.map((entry) => (entry.payload as { data: string }).data).join('')).toBe('€');
    expect(output.every((entry) => entry.to === 'w1')).toBe(true);
    expect(info.title).toBe('job 42 on c01');
  });

  it.each([
    { name: 'the connection dropped', options: { lost: true }, kind: 'connection-lost' },
    { name: 'the job ended', options: { running: false }, kind: 'job-ended' },
    { name: 'the shell exited in a running job', options: {}, kind: 'exited' },
  ])('says why it ended when $name', async ({ options, kind }) => {
    const { sessions, heard, far } = setup(options);
    await sessions.openFor(new CallerHandle('w1'), request);
    far.exit(kind === 'exited' ? 0 : null);
    await settle();
    expect(heard.find((entry) => entry.event === 'terminal.ended')?.payload).toMatchObject({ kind });
  });

  it('hangs up when its window goes, and refuses to open without a window', async () => {
    const { sessions, heard, far } = setup();
    const window = new CallerHandle('w1');
    await sessions.openFor(window, request);
    window.gone();
    await settle();
    expect(far.pty.killed).toBe(true);
    expect(heard.find((entry) => entry.event === 'terminal.ended')?.payload).toMatchObject({ kind: 'closed' });
    expect(sessions.count).toBe(0);
    await expect(sessions.openFor(undefined, request)).rejects.toThrow(/belongs to a window/);
  });
});
