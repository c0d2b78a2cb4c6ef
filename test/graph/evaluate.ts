import { buildGraph } from '../../src/graph/build.js';
import { rankByContacts, rankControllers, type RankOptions } from '../../src/graph/rank.js';
import type { Tier, World } from '../world/types.js';
import { perfectResolution } from './perfect-resolution.js';

// Ranking quality against the world's ground truth, under perfect entity
// resolution. Controlling minds = tiers `controller` AND `supplier`: a
// wholesale supplier above several OCGs is exactly the "upstream" target the
// inspection asks for, so they must rank high too. Street level = tier
// `street` (runners, street dealers, cuckooed occupants). The `middle` tier
// (line holders, enforcers, recruiters) is left out of the AUC but stays in
// the ranking, so precision@k is measured against everyone.

export const POSITIVE: readonly Tier[] = ['controller', 'supplier'];
export const NEGATIVE: readonly Tier[] = ['street'];

export interface Quality {
  auc: number;
  /** Share of controlling minds in the top k of everyone ranked (the middle tier included). */
  precisionAtK: number;
  /** The same among controlling minds and street level only (the AUC's population). */
  precisionAtKvsStreet: number;
}

export interface Evaluation {
  people: number;
  positives: number;
  negatives: number;
  /** True controllers/suppliers that no force reported: nothing can rank them. */
  unobservedPositives: number;
  k: number;
  network: Quality;
  contacts: Quality;
}

export function evaluateWorld(world: World, options: RankOptions = {}): Evaluation {
  const graph = buildGraph(perfectResolution(world));
  const tier = new Map(world.truth.people.map((p) => [p.id, p.tier]));
  const ranked = rankControllers(graph, options).map((r) => ({ id: r.personId, score: r.score }));
  const contacts = rankByContacts(graph).map((r) => ({ id: r.personId, score: r.policeContacts }));
  const observed = new Set(ranked.map((r) => r.id));
  const isPos = (id: string) => POSITIVE.includes(tier.get(id)!);
  const isNeg = (id: string) => NEGATIVE.includes(tier.get(id)!);
  const k = ranked.filter((r) => isPos(r.id)).length;
  return {
    people: ranked.length,
    positives: k,
    negatives: ranked.filter((r) => isNeg(r.id)).length,
    unobservedPositives: world.truth.people.filter((p) => POSITIVE.includes(p.tier) && !observed.has(p.id)).length,
    k,
    network: quality(ranked, isPos, isNeg, k),
    // rankByContacts lists the most contacts first: that is the old method's order.
    contacts: quality(contacts, isPos, isNeg, k),
  };
}

/** `scored` in ranked order, best first. */
function quality(scored: { id: string; score: number }[], isPos: (id: string) => boolean, isNeg: (id: string) => boolean, k: number): Quality {
  const hits = scored.slice(0, k).filter((r) => isPos(r.id)).length;
  const hitsVsStreet = scored.filter((r) => isPos(r.id) || isNeg(r.id)).slice(0, k).filter((r) => isPos(r.id)).length;
  return {
    auc: rocAuc(
      scored.filter((r) => isPos(r.id)).map((r) => r.score),
      scored.filter((r) => isNeg(r.id)).map((r) => r.score),
    ),
    precisionAtK: k === 0 ? Number.NaN : hits / k,
    precisionAtKvsStreet: k === 0 ? Number.NaN : hitsVsStreet / k,
  };
}

/** ROC AUC as the Mann–Whitney U statistic: P(score of a positive > score of a negative), ties ½. */
export function rocAuc(pos: number[], neg: number[]): number {
  if (pos.length === 0 || neg.length === 0) return Number.NaN;
  const all = [...pos.map((s) => ({ s, p: 1 })), ...neg.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) if (all[t].p) rankSumPos += midRank;
    i = j;
  }
  return (rankSumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}
