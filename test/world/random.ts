// A small seeded PRNG (sfc32, from PractRand) so worlds are reproducible from
// one number and never touch Math.random. `fork(label)` derives an independent
// stream, so one phase (say, the noise) can change without reshuffling another.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Integer in an inclusive `[min, max]` range tuple. */
  range(r: readonly [number, number]): number;
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: T[]): T[];
  /** `k` distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** Roughly normal (sum of three uniforms), mean `mean`, standard deviation ≈ `sd`. */
  normal(mean: number, sd: number): number;
  fork(label: string): Rng;
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export function createRng(seed: number | string): Rng {
  const s = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  const raw = sfc32(0x9e3779b9, s, hashString(`w${s}`), 1);
  for (let i = 0; i < 15; i++) raw();
  const next = raw;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (r) => rng.int(r[0], r[1]),
    float: (lo, hi) => lo + next() * (hi - lo),
    chance: (p) => p > 0 && next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return items[items.length - 1][0];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
    sample: (items, k) => rng.shuffle(items.slice()).slice(0, k),
    normal: (mean, sd) => mean + (next() + next() + next() - 1.5) * 2 * sd,
    fork: (label) => createRng(hashString(`${s}:${label}`)),
  };
  return rng;
}
