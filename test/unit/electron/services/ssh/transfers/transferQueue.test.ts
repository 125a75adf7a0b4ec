import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors';
import { TransferQueue, transferQueueFor } from '../../../../../../electron/services/ssh/transfers/transferQueue';

/** A transfer the test finishes by hand. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('TransferQueue', () => {
  it('runs two at a time by default and starts the rest in order', async () => {
    const queue = new TransferQueue();
    const gates = Array.from({ length: 4 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, index) =>
      queue.run(async () => {
        started.push(index);
        await g.opened;
        return index;
      }),
    );
    expect(started).toEqual([0, 1]);
    expect([queue.running, queue.queued]).toEqual([2, 2]);
    gates[1]!.open();
    await runs[1];
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([queue.running, queue.queued]).toEqual([0, 0]);
  });

  it('frees the slot when a transfer fails', async () => {
    const queue = new TransferQueue(1);
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next')).toBe('next');
  });

  it('drops a transfer cancelled while it waits, without running it', async () => {
    const queue = new TransferQueue(1);
    const first = gate();
    const running = queue.run(() => first.opened);
    const controller = new AbortController();
    let ran = false;
    const waiting = queue.run(async () => (ran = true), { signal: controller.signal });
    expect(queue.queued).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'transfer-cancelled' });
    expect(queue.queued).toBe(0);
    first.open();
    await running;
    expect(ran).toBe(false);
    await expect(queue.run(async () => 1, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AppError);
  });

  it('names the file in a queued upload that was cancelled', async () => {
    const queue = new TransferQueue(1);
    const first = gate();
    const running = queue.run(() => first.opened);
    const controller = new AbortController();
    const source = { sftp: () => Promise.reject(new Error('never asked for a channel')) };
    const upload = queue.upload(source, '/data/report.csv', '/home/ada/report.csv', { signal: controller.signal });
    controller.abort();
    await expect(upload).rejects.toMatchObject({ code: 'transfer-cancelled', message: expect.stringContaining('report.csv to /home/ada/report.csv') });
    first.open();
    await running;
  });

  it('is one queue per connection', () => {
    const connection = {};
    expect(transferQueueFor(connection)).toBe(transferQueueFor(connection));
    expect(transferQueueFor({})).not.toBe(transferQueueFor(connection));
    expect(() => new TransferQueue(0)).toThrow(RangeError);
  });
});
