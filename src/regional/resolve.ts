import { cluster, type ClusterEdge } from './cluster.js';
import type { ComparisonEvidence, Decision, MergeEdge, Thresholds } from './model.js';
import { pairKey } from './model.js';

// The step people and lines share: scored candidate pairs plus analyst
// decisions in, entities (groups of records) and a review queue out.
//   certain pair            → merge edge (tier 1)
//   joined in a wider window→ merge edge (tier 3, after every scored pair: the
//                             month's own evidence explains the joins it can)
//   weight ≥ upper          → merge edge (tier 2), unless scored on the name
//                             alone (`nameOnly`): then the review queue
//   lower ≤ weight < upper  → review queue
//   weight < lower          → apart
// An analyst decision on a pair replaces its score: 'same' is a tier-0 edge,
// 'different' a cannot-link constraint that no chain of edges may cross
// (cluster.ts). Removing a decision simply drops it from the input, so the
// next merge falls back to the scores.

export interface ScoredPair {
  a: number;
  b: number;
  basis: 'PNC' | 'SCORE' | 'DEAL_NUMBER' | 'LINE_SWAP' | 'WINDOW';
  certain: boolean;
  weight: number;
  probability: number;
  evidence: ComparisonEvidence[];
  explanation: string;
  /** Scored on the name alone (nothing else agrees): never merged on its score, queued for review instead. */
  nameOnly?: boolean;
}

export interface ResolveInput {
  keys: string[];
  slots: string[][];
  pairs: ScoredPair[];
  decisions: Decision[];
  thresholds: Thresholds;
  compatible?: (a: number, b: number) => boolean;
}

export interface ReviewCandidate {
  pair: ScoredPair;
  reason: 'BETWEEN_THRESHOLDS' | 'BLOCKED_BY_CONSTRAINT' | 'NAME_ONLY';
}

export interface ResolveOutput {
  /** Record indices per entity, each sorted, entities ordered by their first record. */
  groups: number[][];
  groupOf: number[];
  edges: MergeEdge[][];
  confidence: number[];
  review: ReviewCandidate[];
  mergedEdges: number;
  blockedByConstraint: number;
  decisionsApplied: number;
  decisionConflicts: number;
}

/** The edge of an accepted pair, or of an analyst's 'same' decision (no pair). */
const mergeEdge = (a: number, b: number, p: ScoredPair | null, keys: string[]): MergeEdge => (p
  ? {
    a: keys[p.a], b: keys[p.b], basis: p.basis, weight: p.certain ? null : p.weight,
    probability: p.probability, explanation: p.explanation, evidence: p.evidence,
  }
  : { a: keys[a], b: keys[b], basis: 'DECISION', weight: null, probability: 1, explanation: 'analyst decision: same', evidence: [] });

export function resolve(input: ResolveInput): ResolveOutput {
  // Only decisions look records up by key: a merge without any builds no index.
  const index = new Map(input.decisions.length ? input.keys.map((k, i) => [k, i]) : []);
  const decided = new Set<string>();
  const cannotLink: [number, number][] = [];
  // A scored edge carries its pair (a decision's none), made a MergeEdge only when accepted: a merge
  // resolves people up to three times over ~60,000 edges, and keeps the last resolution's accepted ones.
  const edges: ClusterEdge<ScoredPair | null>[] = [];
  let decisionsApplied = 0;
  for (const d of input.decisions) {
    const a = index.get(d.aKey);
    const b = index.get(d.bKey);
    if (a === undefined || b === undefined || a === b) continue;
    decisionsApplied++;
    decided.add(pairKey(d.aKey, d.bKey));
    if (d.decision === 'different') cannotLink.push([a, b]);
    else edges.push({ a, b, tier: 0, weight: 0, payload: null });
  }
  const between: ScoredPair[] = [];
  const nameOnly: ScoredPair[] = [];
  for (const p of input.pairs) {
    if (decided.size && decided.has(pairKey(input.keys[p.a], input.keys[p.b]))) continue;
    if (!p.certain && p.weight >= input.thresholds.upper && p.nameOnly) {
      nameOnly.push(p);
      continue;
    }
    if (!p.certain && p.weight < input.thresholds.upper) {
      if (p.weight >= input.thresholds.lower) between.push(p);
      continue;
    }
    edges.push({ a: p.a, b: p.b, tier: p.basis === 'WINDOW' ? 3 : p.certain ? 1 : 2, weight: p.certain ? 0 : p.weight, payload: p });
  }
  const result = cluster({ size: input.keys.length, keys: input.keys, slots: input.slots, cannotLink, edges, compatible: input.compatible });
  // Roots are record indices: their groups in an array, not a map of every record.
  const rootToGroup = new Int32Array(input.keys.length).fill(-1);
  const groups: number[][] = [];
  const groupOf = result.component.map((root) => {
    if (rootToGroup[root] < 0) (rootToGroup[root] = groups.length), groups.push([]);
    return rootToGroup[root];
  });
  groupOf.forEach((g, i) => groups[g].push(i));
  const groupEdges: MergeEdge[][] = groups.map(() => []);
  const confidence = groups.map(() => 1);
  for (const e of result.accepted) {
    const g = groupOf[e.a];
    const edge = mergeEdge(e.a, e.b, e.payload, input.keys);
    groupEdges[g].push(edge);
    confidence[g] = Math.min(confidence[g], edge.probability);
  }
  const review: ReviewCandidate[] = [];
  for (const p of between) if (groupOf[p.a] !== groupOf[p.b]) review.push({ pair: p, reason: 'BETWEEN_THRESHOLDS' });
  for (const p of nameOnly) if (groupOf[p.a] !== groupOf[p.b]) review.push({ pair: p, reason: 'NAME_ONLY' });
  let decisionConflicts = 0;
  for (const r of result.refused) {
    if (r.edge.tier === 0) decisionConflicts++;
    else if (r.edge.tier === 2 && r.edge.payload && groupOf[r.edge.a] !== groupOf[r.edge.b]) {
      review.push({ pair: r.edge.payload, reason: 'BLOCKED_BY_CONSTRAINT' });
    }
  }
  // Strongest first; equal weights in record order, so the queue's order never depends on how pairs were found.
  review.sort((x, y) => y.pair.weight - x.pair.weight || Math.min(x.pair.a, x.pair.b) - Math.min(y.pair.a, y.pair.b) || Math.max(x.pair.a, x.pair.b) - Math.max(y.pair.a, y.pair.b));
  return {
    groups, groupOf, edges: groupEdges, confidence, review,
    mergedEdges: result.accepted.length,
    blockedByConstraint: result.refused.filter((r) => r.edge.tier === 1 || r.edge.tier === 2).length,
    decisionsApplied, decisionConflicts,
  };
}
