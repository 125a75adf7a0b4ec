export type FingerprintComparison = 'empty' | 'matches' | 'differs';

/** Only an exact match counts (surrounding whitespace from a paste aside): a near miss is a different key. */
export function compareFingerprint(presented: string, pasted: string): FingerprintComparison {
  const typed = pasted.trim();
  if (typed === '') return 'empty';
  return typed === presented ? 'matches' : 'differs';
}
