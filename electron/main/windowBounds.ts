export type SavedWindowBounds = { x: number; y: number; width: number; height: number; maximized: boolean };
type Rectangle = { x: number; y: number; width: number; height: number };

/** How much of the title bar must land on a screen for the saved place to be usable. */
const minimumVisible = 64;

/**
 * Where the window opens: where it was, when that place is still on one of today's screens
 * (a monitor may have been unplugged); otherwise the default size, centered by the OS.
 */
export function boundsToRestore(saved: unknown, workAreas: readonly Rectangle[], minimum: { width: number; height: number }): SavedWindowBounds | null {
  if (!isSavedBounds(saved)) return null;
  const width = Math.max(saved.width, minimum.width);
  const height = Math.max(saved.height, minimum.height);
  const titleBarOnScreen = workAreas.some((area) => {
    const overlapX = Math.min(saved.x + width, area.x + area.width) - Math.max(saved.x, area.x);
    const titleY = saved.y + 8;
    return overlapX >= minimumVisible && titleY >= area.y && titleY < area.y + area.height;
  });
  return titleBarOnScreen ? { ...saved, width, height } : null;
}

function isSavedBounds(value: unknown): value is SavedWindowBounds {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(record[key])) && typeof record.maximized === 'boolean';
}
