import { comparePeople, probabilityOf, type CompareContext } from './compare.js';
import type { ComparisonEvidence } from './model.js';
import type { PersonRecord } from './records.js';
import { PairSet } from './pair-set.js';
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

/** Lists of numbers per index, flattened (compressed sparse rows): list i is `items[start[i]..start[i+1])`. */
interface Lists {
  start: Int32Array;
  items: Int32Array;
}

/** Per index 0..n-1, the distinct numbers `each(i, add)` adds, sorted ascending. */
function sortedLists(n: number, each: (i: number, add: (x: number) => void) => void): Lists {
  const start = new Int32Array(n + 1);
  const items: number[] = [];
  // Distinct by stamping: `stamp[x]` is the last list x was added to (one array, not a Set per list).
  const stamp = new Int32Array(n).fill(-1);
  let current = 0;
  const add = (x: number) => {
    if (stamp[x] !== current) (stamp[x] = current), items.push(x);
  };
  for (let i = 0; i < n; i++) {
    current = i;
    each(i, add);
    start[i + 1] = items.length;
  }
  const out = Int32Array.from(items);
  for (let i = 0; i < n; i++) out.subarray(start[i], start[i + 1]).sort();
  return { start, items: out };
}

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
  const n = groups.length;
  // Typed lists, not a Set per person: ~75,000 people at bench scale, each list a few numbers.
  const associates = sortedLists(n, (g, add) => {
    for (const r of groups[g]) for (const l of linesOf[r]) for (const x of onLine[l]) if (x !== g) add(x);
  });
  // Name keys as small integers, so a bucket key (name key, person) is a number.
  const nameIds = new Map<string, number>();
  const nameId = (k: string) => nameIds.get(k) ?? nameIds.set(k, nameIds.size).get(k)!;
  const keyLists: number[][] = groups.map((members) => {
    const keys: number[] = [];
    for (const r of members) {
      for (const nm of records[r].names) {
        const s = nameId(nm.surnameKey);
        if (!keys.includes(s)) keys.push(s);
        if (nm.foreKey) {
          const f = nameId(nm.foreKey);
          if (!keys.includes(f)) keys.push(f);
        }
      }
    }
    return keys;
  });
  // A bucket is the people who have associate x and name key k. Associates are mutual, so x's buckets
  // come from x's own associates: each x's entries (k, g) are sorted and cut into runs of one k, g ascending.
  const seen = new PairSet();
  // Found in a different order than by one map of buckets: immaterial, as resolve orders pairs by weight and records.
  const out: ScoredPair[] = [];
  let entries = new Float64Array(64);
  for (let x = 0; x < n; x++) {
    let count = 0;
    for (let i = associates.start[x]; i < associates.start[x + 1]; i++) {
      const g = associates.items[i];
      for (const k of keyLists[g]) {
        if (count === entries.length) {
          const bigger = new Float64Array(count * 2);
          bigger.set(entries);
          entries = bigger;
        }
        entries[count++] = k * n + g;
      }
    }
    const sorted = entries.subarray(0, count).sort();
    for (let from = 0; from < count; ) {
      const k = Math.floor(sorted[from] / n);
      let to = from + 1;
      while (to < count && Math.floor(sorted[to] / n) === k) to++;
      if (to - from <= MAX_BUCKET) {
        for (let i = from; i < to; i++) for (let j = i + 1; j < to; j++) {
          const g = sorted[i] - k * n;
          const h = sorted[j] - k * n;
          if (!seen.add(g, h)) continue;
          const p = scoreGroups(records, groups[g], groups[h], associates, g, h, ctx);
          if (p && p.weight >= keepFrom) out.push(p);
        }
      }
      from = to;
    }
  }
  return out;
}

/** How many of the sorted lists' items are in both, leaving out `except`. */
function sharedCount(l: Lists, g: number, h: number, except: number): number {
  let i = l.start[g];
  let j = l.start[h];
  let shared = 0;
  while (i < l.start[g + 1] && j < l.start[h + 1]) {
    const x = l.items[i];
    const y = l.items[j];
    if (x < y) i++;
    else if (x > y) j++;
    else {
      if (x !== except) shared++;
      i++;
      j++;
    }
  }
  return shared;
}

function scoreGroups(
  records: PersonRecord[], a: number[], b: number[], associates: Lists, ga: number, gb: number, ctx: CompareContext,
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
  const shared = sharedCount(associates, ga, gb, gb);
  if (shared === 0) return null;
  const level: Level = shared >= 2 ? 'TWO_OR_MORE' : 'ONE';
  const evidence: ComparisonEvidence = { comparison: 'associates', level, weight: weightOf(level), detail: `${shared} in common` };
  const weight = round(best.weight + evidence.weight);
  return { a: best.a, b: best.b, basis: 'SCORE', certain: false, weight, probability: probabilityOf(weight), evidence: [evidence], explanation: '' };
}
