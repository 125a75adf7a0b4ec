import { isUnreachable } from './unreachable';

export type Stale<T> = T & { stale: boolean; fetchedAt?: string };

/**
 * A fresh answer from the cluster, kept for later; or, when the cluster cannot be reached, the
 * last one kept, marked stale with when it was fetched. Any other failure is reported as is.
 */
export async function freshOrCached<T extends object>(
  read: () => Promise<T>,
  remember: (value: T) => Promise<void>,
  recall: () => Promise<(T & { fetchedAt: string }) | null>,
  onCacheError: (error: unknown) => void = () => {},
): Promise<Stale<T>> {
  let value: T;
  try {
    value = await read();
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    const cached = await recall().catch(() => null);
    if (!cached) throw error;
    return { ...cached, stale: true };
  }
  // Keeping a copy must never make a good answer fail or wait on a slow disk.
  void remember(value).catch(onCacheError);
  return { ...value, stale: false };
}
