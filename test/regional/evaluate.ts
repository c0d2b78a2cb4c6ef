import type { ParsedReturn } from '../../src/matrix/model.js';
import { mergeReturns } from '../../src/regional/merge.js';
import type { MergeResult, ReturnInput, Thresholds } from '../../src/regional/model.js';
import { DEFAULT_THRESHOLDS } from '../../src/regional/people.js';

// Entity-resolution quality against a generated world's truth maps.
// Pairwise measures over record keys (force|ref): a predicted pair is two
// records in one merged entity, a true pair two records of one true id.
//   precision = true predicted pairs / predicted pairs
//   recall    = true predicted pairs / true pairs
// The review-queue fraction is the number of queued pairs divided by the
// number of TRUE-MATCH pairs (the analyst workload relative to the linking
// work there is); the fraction of compared pairs is reported beside it.

export interface PairwiseQuality {
  precision: number;
  recall: number;
  f1: number;
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

export function pairwiseQuality(predicted: Map<string, string>, truth: Map<string, string>): PairwiseQuality {
  const bySize = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const pred = new Map<string, number>();
  const tru = new Map<string, number>();
  const both = new Map<string, number>();
  for (const [key, id] of predicted) {
    const t = truth.get(key);
    if (t === undefined) continue;
    bySize(pred, id);
    bySize(tru, t);
    bySize(both, `${id}\u0000${t}`);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const predictedPairs = sum(pred);
  const truePairs = sum(tru);
  const correctPairs = sum(both);
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, predictedPairs, truePairs, correctPairs };
}

export function toReturnInputs(returns: ParsedReturn[]): ReturnInput[] {
  return returns.map((parsed) => ({
    returnId: `${parsed.meta.force}-${parsed.meta.month}`,
    force: parsed.meta.force,
    month: parsed.meta.month,
    parsed,
  }));
}

export interface WorldLike {
  returns: ParsedReturn[];
  truth: { personOfRecord: Map<string, string>; lineOfRecord: Map<string, string> };
}

export interface Evaluation {
  people: PairwiseQuality;
  lines: PairwiseQuality;
  reviewPeople: number;
  reviewLines: number;
  /** People review pairs / true-match person pairs. */
  reviewOfTruePairs: number;
  /** People review pairs / person pairs compared. */
  reviewOfCompared: number;
  result: MergeResult;
  ms: number;
}

export function evaluateWorld(world: WorldLike, thresholds: Thresholds = DEFAULT_THRESHOLDS): Evaluation {
  const returns = toReturnInputs(world.returns);
  const months = [...new Set(returns.map((r) => r.month))].sort();
  const t0 = performance.now();
  const result = mergeReturns({
    scope: 'EVAL', months, returns, decisions: [], priorPersonIds: new Map(), priorLineIds: new Map(), thresholds,
  });
  const ms = performance.now() - t0;
  const people = pairwiseQuality(result.personIdByRecord, world.truth.personOfRecord);
  const lines = pairwiseQuality(result.lineIdByRecord, world.truth.lineOfRecord);
  const reviewPeople = result.stats.review.people;
  return {
    people, lines, reviewPeople, reviewLines: result.stats.review.lines,
    reviewOfTruePairs: people.truePairs ? reviewPeople / people.truePairs : 0,
    reviewOfCompared: result.stats.pairsCompared.people ? reviewPeople / result.stats.pairsCompared.people : 0,
    result, ms,
  };
}
