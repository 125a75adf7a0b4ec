import { describe, expect, it } from 'vitest';
import { moveChunks, type Chunk, type UntilStopped } from '../../../../../../electron/services/ssh/transfers/chunkPipeline';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Moves chunks into an array, tracking how many are in flight at once. */
function recorder(total: number) {
  const landed = new Uint8Array(total);
  const state = { inFlight: 0, most: 0, calls: [] as Chunk[] };
  const move = async (chunk: Chunk, untilStopped: UntilStopped) => {
    state.calls.push({ ...chunk });
    state.inFlight += 1;
    state.most = Math.max(state.most, state.inFlight);
    try {
      await untilStopped(tick());
      landed.fill(1, chunk.offset, chunk.offset + chunk.length);
    } finally {
      state.inFlight -= 1;
    }
  };
  return { landed, state, move };
}

describe('moveChunks', () => {
  it('moves every byte once, in chunks of the given size, with at most `concurrency` in flight', async () => {
    const { landed, state, move } = recorder(1_000);
    let moved = 0;
    await moveChunks({ total: 1_000, chunkBytes: 64, concurrency: 4, signal: new AbortController().signal, move, moved: (bytes) => (moved += bytes) });
    expect(landed.every((byte) => byte === 1)).toBe(true);
    expect(moved).toBe(1_000);
    expect(state.most).toBe(4);
    expect(state.calls.map((chunk) => chunk.offset)).toEqual(Array.from({ length: 16 }, (_, index) => index * 64));
    expect(state.calls.at(-1)).toMatchObject({ offset: 960, length: 40 });
  });

  it('does nothing for an empty file', async () => {
    const { state, move } = recorder(0);
    await moveChunks({ total: 0, chunkBytes: 64, concurrency: 4, signal: new AbortController().signal, move, moved: () => {} });
    expect(state.calls).toEqual([]);
  });

  it('stops at the first failure, gives up on the chunks in flight, and rejects with that failure', async () => {
    let started = 0;
    let waitsEnded = 0;
    const failure = new Error('disk full');
    const move = async (chunk: Chunk, untilStopped: UntilStopped) => {
      started += 1;
      if (chunk.offset === 128) throw failure;
      // A request the server never answers: only the stop ends the wait.
      await untilStopped(new Promise<void>(() => {})).finally(() => (waitsEnded += 1));
    };
    await expect(moveChunks({ total: 10_000, chunkBytes: 64, concurrency: 4, signal: new AbortController().signal, move, moved: () => {} })).rejects.toBe(failure);
    expect(started).toBe(4);
    expect(waitsEnded).toBe(3);
  });

  it('rejects with the abort reason and reports no bytes after it', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the person');
    const { move } = recorder(10_000);
    const moved: number[] = [];
    const run = moveChunks({
      total: 10_000, chunkBytes: 100, concurrency: 2, signal: controller.signal, move,
      moved: (bytes) => {
        moved.push(bytes);
        if (moved.length === 3) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    expect(moved).toHaveLength(3);
  });

  it('rejects at once when already aborted', async () => {
    const { state, move } = recorder(100);
    await expect(moveChunks({ total: 100, chunkBytes: 10, concurrency: 2, signal: AbortSignal.abort('gone'), move, moved: () => {} })).rejects.toBe('gone');
    expect(state.calls).toEqual([]);
  });
});
