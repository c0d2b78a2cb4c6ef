import { comparePeople, probabilityOf, type CompareContext } from './compare.js';
import type { ComparisonEvidence } from './model.js';
import type { PersonRecord } from './records.js';
import type { ScoredPair } from './resolve.js';

// Cluster-level evidence (collective entity resolution, Bhattacharya & Getoor
// 2007): once records are resolved into people, two people who work with the
// same people are probably one, if their names agree and nothing they hold
// disagrees. A person's associates are the people (as resolved) reported on
// any line with any of their records, by any force; two records of one
// person held by two forces on two different lines rarely share a line-mate,
// but the two people they resolved into often do. Candidates are people who
// share an associate and a name key (surname or forename, so swapped names
// meet); each pair is scored on its best record pair (crew.ts's per-record
// crew left out, counted here instead) plus the associates they share. A pair with any record pair whose dates of birth
// or PNC IDs differ, or on one line (already counted), is never proposed.

const round = (x: number) => Math.round(x * 100) / 100;

// m: a person seen by two forces on two lines is often known to both with
// one of the same associates (the line holder, the controller); u: two
// different people with agreeing names rarely are. Tuned on generated worlds
// (bench/er-quality.ts); pairs already on one line are left out (their
// line-mates are their associates: the sharedLine comparison counted them).
export const ASSOCIATES_MODEL = {
  TWO_OR_MORE: { m: 0.25, u: 0.0025 },
  ONE: { m: 0.3, u: 0.0047 },
} as const;
type Level = keyof typeof ASSOCIATES_MODEL;
const weightOf = (level: Level) => round(Math.log2(ASSOCIATES_MODEL[level].m / ASSOCIATES_MODEL[level].u));

/** Candidate buckets larger than this (a very common name around a hub figure) are skipped. */
const MAX_BUCKET = 100;

/**
 * Pairs of people (each by its best record pair) that their shared associates
 * bring to at least `keepFrom`; `linesOf[r]`: the line records record r is on.
 */
export function associatePairs(
  records: PersonRecord[], groups: number[][], groupOf: number[], linesOf: number[][], lineCount: number, ctx: CompareContext, keepFrom: number,
): ScoredPair[] {
  const onLine: number[][] = Array.from({ length: lineCount }, () => []);
  linesOf.forEach((lines, r) => {
    for (const l of lines) if (!onLine[l].includes(groupOf[r])) onLine[l].push(groupOf[r]);
  });
  const associates = groups.map((members, g) => {
    const s = new Set<number>();
    for (const r of members) for (const l of linesOf[r]) for (const x of onLine[l]) if (x !== g) s.add(x);
    return s;
  });
  // Name keys as small integers, so a bucket key (associate, name key) is a number, not a string.
  const nameIds = new Map<string, number>();
  const nameId = (k: string) => nameIds.get(k) ?? nameIds.set(k, nameIds.size).get(k)!;
  const keysOf = groups.map((members) => {
    const keys = new Set<number>();
    for (const r of members) {
      for (const n of records[r].names) {
        keys.add(nameId(n.surnameKey));
        if (n.foreKey) keys.add(nameId(n.foreKey));
      }
    }
    return keys;
  });
  const buckets = new Map<number, number[]>();
  groups.forEach((_, g) => {
    for (const x of associates[g]) for (const k of keysOf[g]) {
      const key = x * nameIds.size + k;
      const b = buckets.get(key);
      if (b) b.push(g);
      else buckets.set(key, [g]);
    }
  });
  const seen = new Set<number>();
  const out: ScoredPair[] = [];
  const n = groups.length;
  for (const bucket of buckets.values()) {
    if (bucket.length < 2 || bucket.length > MAX_BUCKET) continue;
    for (let i = 0; i < bucket.length; i++) for (let j = i + 1; j < bucket.length; j++) {
      const g = Math.min(bucket[i], bucket[j]);
      const h = Math.max(bucket[i], bucket[j]);
      if (seen.has(g * n + h)) continue;
      seen.add(g * n + h);
      const p = scoreGroups(records, groups[g], groups[h], associates[g], associates[h], h, ctx);
      if (p && p.weight >= keepFrom) out.push(p);
    }
  }
  return out;
}

function scoreGroups(
  records: PersonRecord[], a: number[], b: number[], assocA: Set<number>, assocB: Set<number>, gb: number, ctx: CompareContext,
): ScoredPair | null {
  let best: { a: number; b: number; weight: number } | null = null;
  for (const x of a) for (const y of b) {
    if (records[x].lineGroups.some((l) => records[y].lineGroups.includes(l))) return null;
    if (records[x].force === records[y].force) continue;
    const s = comparePeople(records[x], records[y], ctx, false);
    if (s.certain) return null;
    if (s.weight === -Infinity || s.evidence.some((e) => e.comparison === 'dob' && e.level === 'DIFFERENT')) return null;
    if (!best || s.weight > best.weight) best = { a: Math.min(x, y), b: Math.max(x, y), weight: s.weight };
  }
  if (!best) return null;
  let shared = 0;
  for (const x of assocA) if (x !== gb && assocB.has(x)) shared++;
  if (shared === 0) return null;
  const level: Level = shared >= 2 ? 'TWO_OR_MORE' : 'ONE';
  const evidence: ComparisonEvidence = { comparison: 'associates', level, weight: weightOf(level), detail: `${shared} in common` };
  const weight = round(best.weight + evidence.weight);
  return { a: best.a, b: best.b, basis: 'SCORE', certain: false, weight, probability: probabilityOf(weight), evidence: [evidence], explanation: '' };
}
