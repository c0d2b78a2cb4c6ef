import { probabilityOf } from './compare.js';
import type { ComparisonEvidence } from './model.js';
import type { ScoredPair } from './resolve.js';

// Collective entity resolution (Bhattacharya & Getoor, "Collective entity
// resolution in relational data", 2007): two records are more likely one
// person when the people around them are already known to be the same. A
// record's crew is the set of people (as resolved by a first pass) on the
// lines its force reports it on. Two records whose crews share people are
// probably one member of one network, seen by two forces. The first pass
// keeps every pair that the crew comparison could lift over the lower
// threshold; the second pass adds this comparison and resolves again.
//
// Two records already on one line (the `sharedLine` comparison) are not
// scored on crew: their crews are the same line's people, which would count
// the same evidence twice.

const round = (x: number) => Math.round(x * 100) / 100;

export const CREW_MODEL = {
  TWO_OR_MORE: { m: 0.35, u: 0.0005 },
  ONE: { m: 0.25, u: 0.01 },
  NONE: { m: 0.4, u: 0.99 },
} as const;

const weightOf = (level: keyof typeof CREW_MODEL) => round(Math.log2(CREW_MODEL[level].m / CREW_MODEL[level].u));

/** The most the crew comparison can add: pairs this far below `lower` are kept after the first pass. */
export const CREW_MAX_WEIGHT = weightOf('TWO_OR_MORE');

/** Per person record, the first-pass groups of the other people on its lines. */
export function crews(groupOf: number[], linesOf: number[][], lineCount: number): Set<number>[] {
  const onLine = Array.from({ length: lineCount }, () => new Set<number>());
  linesOf.forEach((lines, r) => lines.forEach((l) => onLine[l].add(groupOf[r])));
  return linesOf.map((lines, r) => {
    const crew = new Set<number>();
    for (const l of lines) for (const g of onLine[l]) if (g !== groupOf[r]) crew.add(g);
    return crew;
  });
}

// One detail string per count, shared by the pairs: the crew comparison rescores every kept pair (~120,000 at bench scale).
const details: string[] = [];
const crewDetail = (shared: number) => (details[shared] ??= `${shared} people in common on their lines`);

/** The pair rescored with the crew comparison (unchanged when certain, on one line, or a crew is empty). */
export function withCrew(
  pair: ScoredPair, crewA: Set<number>, crewB: Set<number>, groupA: number, groupB: number, onOneLine: boolean,
): ScoredPair {
  if (pair.certain || onOneLine || crewA.size === 0 || crewB.size === 0) return pair;
  let shared = 0;
  for (const g of crewA) if (g !== groupA && g !== groupB && crewB.has(g)) shared++;
  const level = shared >= 2 ? 'TWO_OR_MORE' : shared === 1 ? 'ONE' : 'NONE';
  const crew: ComparisonEvidence = { comparison: 'crew', level, weight: weightOf(level), detail: crewDetail(shared) };
  const weight = round(pair.weight + crew.weight);
  return { ...pair, weight, probability: probabilityOf(weight), evidence: [...pair.evidence, crew] };
}
