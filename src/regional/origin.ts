import type { ComparisonEvidence } from './model.js';
import { distinct } from './distinct.js';
import { areaKey } from './normalise.js';
import type { LineRecord, PersonRecord } from './records.js';

// Where a person's lines run from: the exporting force and area the forces
// give for each line the person is reported on. County lines are run out of
// a hub by one network, so two records whose lines run from the same area
// (Lambeth, MET) are more likely one person than two records with the same
// name seen anywhere; two records whose lines run from different exporting
// forces (MET / MER) are more likely two namesakes in two networks. Areas
// are compared as written (squashed), so an alias (Brixton for Lambeth) is
// only "same exporting force": that level weighs about nothing.

export const ORIGIN_MODEL = {
  /** u: the share of the other force's records on lines from that area (term frequency), this value without it. */
  SAME_AREA: { m: 0.7, u: 0.05 },
  /** Another area of the same force, or the same area by another name: says nothing either way. */
  SAME_FORCE: { m: 0.3, u: 0.3 },
  /** A person works lines of two exporting forces rarely (a move between networks, a force's misrecorded exporting force). */
  DIFFERENT_FORCE: { m: 0.05, u: 0.65 },
} as const;
export type OriginLevel = keyof typeof ORIGIN_MODEL;

const TF_FLOOR = 0.002;
const round = (x: number) => Math.round(x * 100) / 100;
const weightOf = (level: OriginLevel, u: number = ORIGIN_MODEL[level].u) => round(Math.log2(ORIGIN_MODEL[level].m / u));

const forceOf = (origin: string) => origin.slice(0, origin.indexOf(':'));

/** Sets each person record's `origins` (`FORCE:AREA` keys) and their names as written from the line records it is on. */
export function setOrigins(people: PersonRecord[], linesOf: number[][], lines: LineRecord[]): void {
  const namesOf = lines.map((l) => l.exportingForces.values().flatMap((f) => l.exportingAreas.values().map((a) => `${f}: ${a}`)));
  const keysOf = lines.map((l) => l.exportingForces.values().flatMap((f) => l.exportingAreas.values().map((a) => areaKey(f, a))));
  people.forEach((p, i) => {
    const keys: string[] = [];
    const names: string[] = [];
    for (const l of linesOf[i]) {
      keysOf[l].forEach((k, j) => {
        if (!keys.includes(k)) (keys.push(k), names.push(namesOf[l][j]));
      });
    }
    p.origins = keys;
    p.originNames = names;
    p.originForces = distinct(keys.map(forceOf));
  });
}

/**
 * The origin comparison of two person records of two forces; null when either's lines give no exporting area.
 * `share(r, i)`: the share of r's force's records on lines from r's i-th origin (people.ts).
 */
export function compareOrigins(
  a: PersonRecord, b: PersonRecord, share?: (r: PersonRecord, i: number) => number, explaining = true,
): ComparisonEvidence | null {
  // One force's lines run from the areas it deals with: two of its own refs share them whoever they are.
  if (a.force === b.force || a.origins.length === 0 || b.origins.length === 0) return null;
  let u = Infinity;
  for (let i = 0; i < a.origins.length; i++) {
    const j = b.origins.indexOf(a.origins[i]);
    if (j >= 0) u = Math.min(u, share ? Math.max(share(a, i), share(b, j)) : ORIGIN_MODEL.SAME_AREA.u);
  }
  if (u < Infinity) {
    const detail = explaining ? a.originNames.filter((_, i) => b.origins.includes(a.origins[i])).join(', ') : '';
    return { comparison: 'origin', level: 'SAME_AREA', weight: weightOf('SAME_AREA', Math.max(TF_FLOOR, u)), detail };
  }
  const detail = explaining ? `${a.originNames.join(', ')} / ${b.originNames.join(', ')}` : '';
  if (a.originForces.some((f) => b.originForces.includes(f))) return { comparison: 'origin', level: 'SAME_FORCE', weight: weightOf('SAME_FORCE'), detail };
  return { comparison: 'origin', level: 'DIFFERENT_FORCE', weight: weightOf('DIFFERENT_FORCE'), detail };
}
