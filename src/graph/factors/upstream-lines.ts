import type { Factor } from './factor.js';
import { saturate } from './normalise.js';

// How many distinct lines a person is upstream of — their own lines plus every
// line worked by someone below them (hierarchy.ts) — and across how many
// forces and importing areas those lines run. The inspection's point is that
// controlling minds "organise multiple county lines"; reach across lines,
// forces and areas is the direct measure of that (cf. Morselli 2009, ch. 4,
// on the "span" of a trafficking enterprise). Normalised as
// 0.6·sat(lines) + 0.2·sat(forces) + 0.2·sat(areas).

export const upstreamLines: Factor = ({ index, hierarchy }) => {
  const n = index.people.length;
  const { reach } = hierarchy;
  const lines = new Float64Array(n);
  const forces = new Float64Array(n);
  const areas = new Float64Array(n);
  const direct = new Float64Array(n);
  const forceSeen = new Map<number, number>();
  const areaSeen = new Map<number, number>();
  for (let p = 0; p < n; p++) {
    forceSeen.clear();
    areaSeen.clear();
    for (let k = reach.offsets[p]; k < reach.offsets[p + 1]; k++) {
      const l = reach.targets[k];
      if (hierarchy.reachDepth[k] === 0) direct[p]++;
      for (const f of index.lineForces[l]) forceSeen.set(f, 1);
      for (const a of index.lineAreas[l]) areaSeen.set(a, 1);
    }
    lines[p] = reach.offsets[p + 1] - reach.offsets[p];
    forces[p] = forceSeen.size;
    areas[p] = areaSeen.size;
  }
  const sl = saturate(lines);
  const sf = saturate(forces);
  const sa = saturate(areas);
  return {
    raw: lines,
    normalised: sl.map((v, p) => 0.6 * v + 0.2 * sf[p] + 0.2 * sa[p]),
    detail: (p) => ({ lines: lines[p], direct: direct[p], viaSubordinates: lines[p] - direct[p], forces: forces[p], importingAreas: areas[p] }),
    evidence: (p, sink) => {
      const { onLine, commandEdges } = index;
      for (let k = reach.offsets[p]; k < reach.offsets[p + 1]; k++) {
        if (hierarchy.reachDepth[k] === 0 && !sink.addAll(onLine[hierarchy.reachLink[k]].evidence, 1)) return;
      }
      const sub = hierarchy.subordinates;
      for (let k = sub.offsets[p]; k < sub.offsets[p + 1]; k++) if (!sink.addAll(commandEdges[hierarchy.subEdge[k]].evidence, 1)) return;
      for (let k = reach.offsets[p]; k < reach.offsets[p + 1]; k++) {
        if (hierarchy.reachDepth[k] > 0 && !sink.addAll(onLine[hierarchy.reachLink[k]].evidence, 1)) return;
      }
    },
  };
};
