import { describe, expect, it } from 'vitest';
import { createProgressMeter, type TransferProgress } from '../../../../../../electron/services/ssh/transfers/transferProgress';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createProgressMeter', () => {
  it('reports the first chunk at once, then at most every 100 ms, then a final report', () => {
    const clock = manualClock();
    const seen: TransferProgress[] = [];
    const meter = createProgressMeter(1_000, (progress) => seen.push(progress), clock.now);
    for (let index = 0; index < 10; index += 1) {
      clock.advance(30);
      meter.add(100);
    }
    meter.finish();
    expect(seen.map((progress) => progress.transferred)).toEqual([100, 500, 900, 1_000]);
    expect(seen.every((progress) => progress.total === 1_000)).toBe(true);
  });

  it('measures speed over the last two seconds, and the final report averages the whole transfer', () => {
    const clock = manualClock();
    const seen: TransferProgress[] = [];
    const meter = createProgressMeter(15_000_000, (progress) => seen.push(progress), clock.now);
    // 1 MB/s for 3 s, then 4 MB/s for 3 s.
    for (let tick = 0; tick < 30; tick += 1) {
      clock.advance(100);
      meter.add(100_000);
    }
    expect(seen.at(-1)!.bytesPerSecond).toBe(1_000_000);
    for (let tick = 0; tick < 30; tick += 1) {
      clock.advance(100);
      meter.add(400_000);
    }
    expect(seen.at(-1)!.bytesPerSecond).toBeGreaterThanOrEqual(3_800_000);
    meter.finish();
    expect(seen.at(-1)).toEqual({ transferred: 15_000_000, total: 15_000_000, bytesPerSecond: 2_500_000 });
  });

  it('survives a listener that throws, and works without one', () => {
    const meter = createProgressMeter(10, () => {
      throw new Error('renderer went away');
    });
    expect(() => {
      meter.add(10);
      meter.finish();
    }).not.toThrow();
    const silent = createProgressMeter(10, undefined);
    silent.add(10);
    silent.finish();
  });
});
