import { afterEach, describe, expect, it, vi } from 'vitest';
import { HandshakeDeadline } from '../../../../../electron/services/ssh/handshakeDeadline';

describe('the handshake deadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires when the server is slow', () => {
    vi.useFakeTimers();
    const expired = vi.fn();
    new HandshakeDeadline(20_000, expired);
    vi.advanceTimersByTime(19_999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('does not count the time a person takes to answer, and restarts in full after', async () => {
    vi.useFakeTimers();
    const expired = vi.fn();
    const deadline = new HandshakeDeadline(20_000, expired);
    vi.advanceTimersByTime(15_000);
    let answer!: (value: string) => void;
    const asked = deadline.whileAsking(() => new Promise<string>((resolve) => (answer = resolve)));
    vi.advanceTimersByTime(5 * 60_000);
    expect(expired).not.toHaveBeenCalled();
    answer('123456');
    await expect(asked).resolves.toBe('123456');
    vi.advanceTimersByTime(19_999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never fires once finished', () => {
    vi.useFakeTimers();
    const expired = vi.fn();
    new HandshakeDeadline(1_000, expired).finish();
    vi.advanceTimersByTime(10_000);
    expect(expired).not.toHaveBeenCalled();
  });
});
