import { probabilityOf, describeEvidence } from './compare.js';
import { assignIds, type NewId } from './ids.js';
import type { ComparisonEvidence, Decision, Thresholds } from './model.js';
import { areaKey, brandBlockKey, normaliseLineName, squashCode } from './normalise.js';
import type { LineRecord } from './records.js';
import { PairSet } from './pair-set.js';
import { resolve, type ResolveOutput, type ScoredPair } from './resolve.js';
import { jaroWinkler } from './similarity.js';

// Line resolution (MATRIX-V2 §4). Three kinds of evidence:
//   * a deal number (E.164) both records used within DEAL_NUMBER_WINDOW
//     months of each other: the same line, certain. Numbers are recycled by
//     networks, so an old use does not count.
//   * same brand (normalised line name) and same exporting force, scored:
//     exporting area, overlap of importing areas and the resolved people the
//     two records share. Strong → merge, weak → review.
//   * a line swap — a new deal number, same brand, same exporting force and
//     the same people — is the same scored rule; its edge is labelled
//     LINE_SWAP so the explanation says so. This is how a line keeps its id
//     when a force reports it under a new number (even under a new ref).
// A force's two refs active in the same month are two lines (slot
// constraint force+month); in different months they may be one line.

export const DEAL_NUMBER_WINDOW = 3;

export const LINE_MODEL = {
  priorWeight: -8,
  brand: { EXACT: 6, SIMILAR: 3 },
  exportingArea: { SAME: 3, DIFFERENT: -3 },
  importingAreas: { OVERLAP: 4, DISJOINT: -2 },
  sharedPeople: { TWO_OR_MORE: 10, ONE: 6, NONE: -6 },
} as const;

export const DEFAULT_LINE_THRESHOLDS: Thresholds = { upper: 6, lower: 0 };

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));

function sharedNumberInWindow(a: LineRecord, b: LineRecord): string | null {
  for (const [num, monthsA] of a.numberMonths) {
    const monthsB = b.numberMonths.get(num);
    if (!monthsB) continue;
    if (monthsA.some((x) => monthsB.some((y) => Math.abs(monthIndex(x) - monthIndex(y)) <= DEAL_NUMBER_WINDOW))) return num;
  }
  return null;
}

const e = (comparison: string, level: string, weight: number, detail: string): ComparisonEvidence => ({ comparison, level, weight, detail });

interface LineFeatures {
  names: string[];
  exportingForces: string[];
  exportingAreas: string[];
  imports: Set<string>;
  numbers: Set<string>;
}

function features(r: LineRecord): LineFeatures {
  return {
    names: [...new Set(r.names.values().map(normaliseLineName))],
    exportingForces: r.exportingForces.values(),
    exportingAreas: r.exportingAreas.values().map(squashCode),
    imports: new Set(r.importingAreas.values().map((v) => areaKey(v.slice(0, v.indexOf(':')), v.slice(v.indexOf(':') + 1)))),
    numbers: new Set(r.dealNumbers.values()),
  };
}

function scoreBrandPair(
  a: LineRecord, b: LineRecord, fa: LineFeatures, fb: LineFeatures,
  peopleA: Set<number>, peopleB: Set<number>, lower: number,
): ScoredPair | null {
  const exact = fa.names.some((n) => fb.names.includes(n));
  const similar = !exact && fa.names.some((x) => fb.names.some((y) => jaroWinkler(x, y) >= 0.9));
  const forces = fa.exportingForces.filter((f) => fb.exportingForces.includes(f));
  if ((!exact && !similar) || forces.length === 0) return null;
  const sameArea = fa.exportingAreas.some((x) => fb.exportingAreas.includes(x));
  const overlap = [...fa.imports].filter((x) => fb.imports.has(x));
  let shared = 0;
  for (const p of peopleA) if (peopleB.has(p)) shared++;
  const peopleLevel = peopleA.size && peopleB.size ? (shared >= 2 ? 'TWO_OR_MORE' : shared === 1 ? 'ONE' : 'NONE') : null;
  const weight = LINE_MODEL.priorWeight
    + (exact ? LINE_MODEL.brand.EXACT : LINE_MODEL.brand.SIMILAR)
    + LINE_MODEL.exportingArea[sameArea ? 'SAME' : 'DIFFERENT']
    + LINE_MODEL.importingAreas[overlap.length ? 'OVERLAP' : 'DISJOINT']
    + (peopleLevel ? LINE_MODEL.sharedPeople[peopleLevel] : 0);
  if (weight < lower) return null;
  const evidence: ComparisonEvidence[] = [
    e('brand', exact ? 'EXACT' : 'SIMILAR', exact ? LINE_MODEL.brand.EXACT : LINE_MODEL.brand.SIMILAR, `${a.names.values().join(', ')} / ${b.names.values().join(', ')}`),
    e('exportingArea', sameArea ? 'SAME' : 'DIFFERENT', LINE_MODEL.exportingArea[sameArea ? 'SAME' : 'DIFFERENT'], `${a.exportingAreas.values().join(', ')} / ${b.exportingAreas.values().join(', ')}`),
    e('importingAreas', overlap.length ? 'OVERLAP' : 'DISJOINT', LINE_MODEL.importingAreas[overlap.length ? 'OVERLAP' : 'DISJOINT'], overlap.join(', ') || 'none shared'),
  ];
  if (peopleLevel) evidence.push(e('sharedPeople', peopleLevel, LINE_MODEL.sharedPeople[peopleLevel], `${shared} resolved people on both`));
  const swap = shared > 0 && ![...fa.numbers].some((n) => fb.numbers.has(n));
  const explanation = `${swap ? 'line swap (new deal number, same brand, exporting force and people); ' : ''}match weight ${weight.toFixed(1)}: exporting force ${forces.join(', ')}; ${describeEvidence(evidence)}`;
  return { a: a.index, b: b.index, basis: swap ? 'LINE_SWAP' : 'SCORE', certain: false, weight, probability: probabilityOf(weight), evidence, explanation };
}

/**
 * Lines joined on deal numbers alone (the certain rule), before people are
 * resolved: group index per line record. People resolution uses it as context.
 */
export function dealNumberGroups(records: LineRecord[]): number[] {
  const parent = records.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const byNumber = new Map<string, number[]>();
  for (const r of records) for (const n of r.dealNumbers.values()) (byNumber.get(n) ?? byNumber.set(n, []).get(n)!).push(r.index);
  for (const bucket of byNumber.values()) {
    for (let i = 1; i < bucket.length; i++) {
      if (sharedNumberInWindow(records[bucket[0]], records[bucket[i]])) parent[find(bucket[i])] = find(bucket[0]);
    }
  }
  return records.map((_, i) => find(i));
}

export interface LineResolution extends ResolveOutput {
  ids: string[];
  pairsCompared: number;
}

/** `peopleOf[i]`: the resolved person (group) indices on line record i. */
export function resolveLines(
  records: LineRecord[],
  peopleOf: Set<number>[],
  decisions: Decision[],
  thresholds: Thresholds,
  prior: Map<string, string>,
  newId?: NewId,
): LineResolution {
  const feats = records.map(features);
  const buckets = new Map<string, number[]>();
  const put = (k: string, i: number) => (buckets.get(k) ?? buckets.set(k, []).get(k)!).push(i);
  // Blocking: a deal number; or brand + exporting force + exporting area + an
  // importing area (without shared people only that can reach review: a
  // different exporting area scores it apart); or brand + exporting force + a
  // resolved person on the line (the line-swap rule needs shared people).
  for (const r of records) {
    for (const n of r.dealNumbers.values()) put(`tel:${n}`, r.index);
    const brands = new Set(r.names.values().map(brandBlockKey));
    for (const f of r.exportingForces.values()) {
      for (const b of brands) {
        for (const x of feats[r.index].exportingAreas) for (const a of feats[r.index].imports) put(`area:${f}:${b}:${x}:${a}`, r.index);
        for (const p of peopleOf[r.index]) put(`people:${f}:${b}:${p}`, r.index);
      }
    }
  }
  const seen = new PairSet();
  const pairs: ScoredPair[] = [];
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i++) for (let j = i + 1; j < bucket.length; j++) {
      const a = Math.min(bucket[i], bucket[j]);
      const b = Math.max(bucket[i], bucket[j]);
      if (a === b || !seen.add(a, b)) continue;
      const num = sharedNumberInWindow(records[a], records[b]);
      if (num) {
        const evidence = [e('dealNumber', 'SHARED', 0, `${num}: certain match`)];
        pairs.push({ a, b, basis: 'DEAL_NUMBER', certain: true, weight: Infinity, probability: 1, evidence, explanation: `matched on deal number ${num}` });
        continue;
      }
      const p = scoreBrandPair(records[a], records[b], feats[a], feats[b], peopleOf[a], peopleOf[b], thresholds.lower);
      if (p) pairs.push(p);
    }
  }
  const out = resolve({
    keys: records.map((r) => r.key),
    slots: records.map((r) => r.months.map((m) => `${r.force}|${m}`)),
    pairs,
    decisions,
    thresholds,
  });
  const ids = assignIds('line', out.groups.map((g) => g.map((i) => records[i].key)), prior, newId);
  return { ...out, ids, pairsCompared: seen.size };
}
