/**
 * Seeded generators of hostile input, so every failure the proof finds can be replayed from its
 * seed. Nothing here is random at import time.
 */
export type Random = { next(): number; int(max: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean };

export function seededRandom(seed: number): Random {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: small, fast, good enough to spread inputs.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** Pieces a shell, a terminal, a parser or a person reading the screen could trip over. */
export const hostileFragments: readonly string[] = [
  "'", '"', '`', '$(', ')', '${', '}', '$((1+1))', '`id`', '$(id)', "$(touch /tmp/pwn)", ';', '|', '||', '&', '&&',
  '\n', '\r', '\r\n', '\t', '\v', '\f', '*', '?', '[a-z]', '{a,b}', '~', '~root', '-', '--', '-rf', '--help', '>', '<',
  '>>', '2>&1', '<(id)', '!', '!!', '#', '\\', '\\\\', '%', '%s%n', '\u202e', '\u200b', '\u200d', '\ufeff', '\u2028',
  'é', '中文', '🦀', '\u0000', '\u001b[31m', '\u0007', "'\\''", 'a b', '  ', '..', '../', '/etc/passwd', '\ud800', '\udfff', 'x\ud83d',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'IFS=x', 'PATH=/tmp', '=', ',', ':', '@', 'null',
];

/** A hostile string: fragments and filler mixed; sometimes very long. */
export function hostileString(random: Random, options: { maxFragments?: number; allowNul?: boolean } = {}): string {
  const count = 1 + random.int(options.maxFragments ?? 6);
  let text = '';
  for (let i = 0; i < count; i += 1) {
    text += random.chance(0.7) ? random.pick(hostileFragments) : random.pick(['a', 'job', 'x1', 'data', ' ', 'Z']);
  }
  if (random.chance(0.03)) text = text.repeat(1 + random.int(2000));
  if (options.allowNul === false) text = text.split('\u0000').join('');
  return text;
}

/** Any JSON-ish value, including the shapes a schema least expects. */
export function hostileValue(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 8 : 12);
  switch (kind) {
    case 0: return null;
    case 1: return random.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0]);
    case 2: return random.chance(0.5);
    case 3: return hostileString(random);
    case 4: return '';
    case 5: return random.pick(['1', 'true', '[]', '{}', 'NaN', 'Infinity']);
    case 6: return 'x'.repeat(1 + random.int(100_000));
    case 7: return random.pick([[], {}]);
    case 8: return Array.from({ length: 1 + random.int(5) }, () => hostileValue(random, depth + 1));
    case 9: return Object.fromEntries(Array.from({ length: 1 + random.int(5) }, () => [hostileString(random, { maxFragments: 2 }), hostileValue(random, depth + 1)]));
    case 10: return deepNest(10 + random.int(400));
    // Own keys named like prototype slots, as JSON.parse makes them.
    default: return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown;
  }
}

/** [[[…]]] nested `depth` times: stresses recursive validators (deeper nesting is sent as text, see deepNestText). */
export function deepNest(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** Nesting deeper than JSON.stringify can build, written out as text. */
export function deepNestText(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
