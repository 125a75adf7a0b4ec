/**
 * The window a call came from, for what a call opens and only that window may use: a terminal,
 * a port forward. Each transport makes one per connected window and tells it when the window goes,
 * so what it opened is closed with it.
 */
export interface Caller {
  readonly id: string;
  /** Called once, when the window closes or its socket drops. */
  onGone(listener: () => void): () => void;
}

/** A caller whose going is announced by `gone()`: what each transport keeps per window. */
export class CallerHandle implements Caller {
  private readonly listeners = new Set<() => void>();
  private isGone = false;

  constructor(readonly id: string) {}

  onGone(listener: () => void): () => void {
    if (this.isGone) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  gone(): void {
    if (this.isGone) return;
    this.isGone = true;
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }
}
