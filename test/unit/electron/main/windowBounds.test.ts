import { describe, expect, it } from 'vitest';
import { boundsToRestore } from '../../../../electron/main/windowBounds';

const screens = [{ x: 0, y: 0, width: 1920, height: 1050 }, { x: 1920, y: 0, width: 1280, height: 1000 }];
const minimum = { width: 880, height: 560 };

describe('the window reopens where it was', () => {
  it('restores size, place and maximized state that still fit a screen', () => {
    expect(boundsToRestore({ x: 2000, y: 40, width: 1000, height: 700, maximized: true }, screens, minimum)).toEqual({ x: 2000, y: 40, width: 1000, height: 700, maximized: true });
  });

  it('opens at the default place when the screen it was on is gone, or nothing usable was saved', () => {
    expect(boundsToRestore({ x: 3400, y: 40, width: 1000, height: 700, maximized: false }, screens, minimum)).toBeNull();
    expect(boundsToRestore({ x: 100, y: -400, width: 1000, height: 700, maximized: false }, screens, minimum)).toBeNull();
    expect(boundsToRestore(undefined, screens, minimum)).toBeNull();
    expect(boundsToRestore({ x: 'left', y: 0, width: 1, height: 1, maximized: false }, screens, minimum)).toBeNull();
  });

  it('never restores a window smaller than the minimum', () => {
    expect(boundsToRestore({ x: 10, y: 10, width: 100, height: 50, maximized: false }, screens, minimum)).toEqual({ x: 10, y: 10, width: 880, height: 560, maximized: false });
  });
});
