import { GraphInputError } from './errors.js';
import type { Csr } from './index.js';

// Betweenness centrality (Freeman 1977) by Brandes' algorithm (Brandes 2001,
// "A faster algorithm for betweenness centrality"), estimated from a uniform
// random sample of source pivots and scaled by n/k (Brandes & Pich 2007,
// "Centrality estimation in large networks"). Exact when `samples` ≥ n.
// Unweighted, undirected: `graph` must list every edge in both directions.
// Successors are found again during accumulation (dist[w] = dist[v] + 1)
// instead of keeping predecessor lists, so memory stays O(n).

export const BETWEENNESS_DEFAULTS = { samples: 256, seed: 1 };

/**
 * `options.order`: the nodes in the order the seeded shuffle starts from (default: node number), so the pivots can be
 * chosen by something that outlives the node numbers (analyse.ts: the people's and lines' force records).
 */
export function sampledBetweenness(graph: Csr, options: Partial<typeof BETWEENNESS_DEFAULTS> & { order?: Int32Array } = {}): Float64Array {
  const { samples, seed } = { ...BETWEENNESS_DEFAULTS, ...options };
  if (!Number.isInteger(samples) || samples < 1) {
    throw new GraphInputError('graph.bad_option', 'Betweenness needs a whole number of samples ≥ 1.');
  }
  const n = graph.offsets.length - 1;
  const { offsets, targets } = graph;
  const sources = pickSources(n, samples, seed, options.order);
  const bc = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);

  for (const s of sources) {
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = order[head++];
      const dv = dist[v] + 1;
      for (let k = offsets[v]; k < offsets[v + 1]; k++) {
        const w = targets[k];
        if (dist[w] < 0) {
          dist[w] = dv;
          order[tail++] = w;
        }
        if (dist[w] === dv) sigma[w] += sigma[v];
      }
    }
    for (let i = tail - 1; i >= 0; i--) {
      const v = order[i];
      const dv = dist[v] + 1;
      let d = 0;
      for (let k = offsets[v]; k < offsets[v + 1]; k++) {
        const w = targets[k];
        if (dist[w] === dv) d += (sigma[v] / sigma[w]) * (1 + delta[w]);
      }
      delta[v] = d;
      if (v !== s) bc[v] += d;
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i];
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  // Each unordered pair is seen from both ends when every node is a source.
  const scale = n / sources.length / 2;
  for (let v = 0; v < n; v++) bc[v] *= scale;
  return bc;
}

/** k distinct nodes by a seeded partial Fisher–Yates shuffle, so a build always samples the same pivots. */
function pickSources(n: number, k: number, seed: number, order?: Int32Array): Int32Array {
  const ids = order ? Int32Array.from(order) : Int32Array.from({ length: n }, (_, i) => i);
  if (k >= n) return ids;
  const random = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
  return ids.slice(0, k);
}

/** Mulberry32 (Tommy Ettinger, public domain): a small seeded PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
