/** The app reconnects by itself on the next use after a cut; this retries that use (up to a minute) until it has. */
export async function untilOk<T>(action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() - started > 60_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
