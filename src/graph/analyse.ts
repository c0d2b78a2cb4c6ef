import { BETWEENNESS_DEFAULTS, sampledBetweenness } from './betweenness.js';
import type { FactorContext } from './factors/factor.js';
import { cmp } from './evidence.js';
import { computeHierarchy } from './hierarchy.js';
import { indexNetwork, type Csr, type NetworkIndex } from './index.js';
import type { NetworkGraph } from './network.js';

// Everything the ranking needs that is costly — the integer index, the
// command hierarchy and sampled betweenness — computed once per build, not per
// request. `analyseNetwork` is pure; `cachedAnalysis` keeps one analysis per
// graph object with the default options and drops it when the graph changes.

export const ANALYSIS_DEFAULTS = {
  /** How far down the command relationships reach is followed. */
  maxDepth: 4,
  /** Betweenness pivots (Brandes & Pich 2007); exact when ≥ people + lines. */
  brokerageSamples: BETWEENNESS_DEFAULTS.samples,
  seed: BETWEENNESS_DEFAULTS.seed,
};
export type AnalysisOptions = typeof ANALYSIS_DEFAULTS;

export type NetworkAnalysis = FactorContext & { options: AnalysisOptions };

/**
 * `stableKey`: for a person or line node, a key that does not change when a merge renames the entity (its
 * first force record). Brokerage samples its pivots in that order, not by node number (nodes are numbered in
 * id order): else renaming people, as a region's merge does to a national window, changed other people's scores.
 */
export function analyseNetwork(graph: NetworkGraph, options: Partial<AnalysisOptions> = {}, stableKey?: (nodeKey: string) => string | undefined): NetworkAnalysis {
  const opts = { ...ANALYSIS_DEFAULTS, ...options };
  const index = indexNetwork(graph);
  const hierarchy = computeHierarchy(index, opts.maxDepth);
  const all = sampledBetweenness(twoMode(index), { samples: opts.brokerageSamples, seed: opts.seed, order: stableKey && pivotOrder(index, stableKey) });
  return { index, hierarchy, betweenness: all.slice(0, index.people.length), options: opts };
}

const cache = new WeakMap<NetworkGraph, NetworkAnalysis>();
const CHANGE_EVENTS = ['nodeAdded', 'edgeAdded', 'nodeDropped', 'edgeDropped', 'cleared', 'edgesCleared', 'nodeAttributesUpdated', 'edgeAttributesUpdated'] as const;

/** The default analysis of `graph`, computed on first use and forgotten when the graph is changed. */
export function cachedAnalysis(graph: NetworkGraph): NetworkAnalysis {
  let a = cache.get(graph);
  if (!a) {
    a = analyseNetwork(graph);
    cache.set(graph, a);
    const forget = () => {
      cache.delete(graph);
      for (const e of CHANGE_EVENTS) graph.removeListener(e, forget);
    };
    for (const e of CHANGE_EVENTS) graph.on(e, forget);
  }
  return a;
}

/** The two-mode nodes (people, then lines) sorted by their stable keys. */
function pivotOrder(index: NetworkIndex, stableKey: (nodeKey: string) => string | undefined): Int32Array {
  const keys = [...index.personKeys, ...index.lineKeys].map((k) => stableKey(k) ?? k);
  return Int32Array.from(keys.map((_, i) => i).sort((x, y) => cmp(keys[x], keys[y])));
}

/** People 0..P−1 then lines P..P+L−1, undirected: person–line links and every person–person relationship. */
function twoMode(index: NetworkIndex): Csr {
  const P = index.people.length;
  const n = P + index.lines.length;
  const { personLines, linePeople, associates } = index;
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < P; p++) {
    offsets[p + 1] = offsets[p] + (personLines.offsets[p + 1] - personLines.offsets[p]) + (associates.offsets[p + 1] - associates.offsets[p]);
  }
  for (let l = 0; l < index.lines.length; l++) {
    offsets[P + l + 1] = offsets[P + l] + (linePeople.offsets[l + 1] - linePeople.offsets[l]);
  }
  const targets = new Int32Array(offsets[n]);
  for (let p = 0; p < P; p++) {
    let at = offsets[p];
    for (let k = personLines.offsets[p]; k < personLines.offsets[p + 1]; k++) targets[at++] = P + personLines.targets[k];
    for (let k = associates.offsets[p]; k < associates.offsets[p + 1]; k++) targets[at++] = associates.targets[k];
  }
  for (let l = 0; l < index.lines.length; l++) {
    targets.set(linePeople.targets.subarray(linePeople.offsets[l], linePeople.offsets[l + 1]), offsets[P + l]);
  }
  return { offsets, targets };
}
