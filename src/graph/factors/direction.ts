import { VICTIM_CHILD, VICTIM_EXPLOITED } from '../index.js';
import type { Factor } from './factor.js';

// Position in the command hierarchy: who directs, supplies, exploits, recruits
// or finances whom. Two readings of the directed relationships:
//
// - Height: how many levels of command sit below the person (the deepest
//   level the breadth-first search of hierarchy.ts reaches down the command
//   relationships, up to the analysis depth) —
//   hierarchy in the graph-theoretical sense of Krackhardt (1994, "Graph
//   theoretical dimensions of informal organizations") and the "reverse"
//   reading of status Krebs (2002) and Morselli (2009, ch. 2) recommend for
//   covert networks: the people who matter give orders through others. A
//   controller directing line holders who direct runners has two levels below;
//   a line holder directing ten runners has one. Head count is deliberately
//   not what counts here: breadth is measured by `upstreamLines` and
//   `exploitationBelow`, and a line holder with many runners is still one
//   level above the street.
// - Being directed: someone recorded as directed, exploited or recruited by
//   another person is, by that record, not the controlling mind of their
//   chain (the person directing them is). Being supplied or financed is a
//   trading relationship, not subordination, and does not count against a
//   controller. An exploited person or a child (presumed exploited,
//   V2-NOM-CHILD) is under someone's control even when the exploiter is not named.
//
// Normalised as (levels + 1) / (levels + 2) for a person nobody directs
// (Laplace's rule of succession: no recorded relationship is neutral, ½; each
// level below moves towards 1) and 0 for a person someone directs. The gate is
// hard because the alternative — letting a wide span of runners outweigh a
// recorded boss, as a head count does — is exactly what put line holders
// above the controllers who direct them.

const SUBORDINATING = new Set(['DIRECTS', 'EXPLOITS', 'RECRUITED']);

export const direction: Factor = ({ index, hierarchy }) => {
  const n = index.people.length;
  const sub = hierarchy.subordinates;
  const levels = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    for (let k = sub.offsets[p]; k < sub.offsets[p + 1]; k++) if (hierarchy.subDepth[k] > levels[p]) levels[p] = hierarchy.subDepth[k];
  }
  const up = index.commandUp;
  const directedBy = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const bosses = new Set<number>();
    for (let k = up.offsets[p]; k < up.offsets[p + 1]; k++) {
      if (SUBORDINATING.has(index.commandEdges[index.commandUpEdge[k]].type)) bosses.add(up.targets[k]);
    }
    directedBy[p] = bosses.size === 0 && index.victim[p] & (VICTIM_CHILD | VICTIM_EXPLOITED) ? 1 : bosses.size;
  }
  const normalised = levels.map((h, p) => (directedBy[p] > 0 ? 0 : (h + 1) / (h + 2)));
  return {
    raw: levels,
    normalised,
    detail: (p) => ({
      levelsBelow: levels[p],
      subordinates: sub.offsets[p + 1] - sub.offsets[p],
      direct: countDepth(hierarchy.subDepth, sub.offsets[p], sub.offsets[p + 1], 1),
      above: up.offsets[p + 1] - up.offsets[p],
      directedBy: directedBy[p],
    }),
    evidence: (p, sink) => {
      // Being directed is the telling fact when it applies; else the chain below, nearest first.
      for (let k = up.offsets[p]; k < up.offsets[p + 1]; k++) {
        const e = index.commandEdges[index.commandUpEdge[k]];
        if (SUBORDINATING.has(e.type) && !sink.addAll(e.evidence, 1)) return;
      }
      if (directedBy[p] > 0 && up.offsets[p + 1] === up.offsets[p]) {
        // Presumed under control: the rows that record the person as a child or exploited.
        for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) if (!sink.addAll(index.onLine[k].evidence, 1)) return;
      }
      for (let d = 1; d <= levels[p]; d++) {
        for (let k = sub.offsets[p]; k < sub.offsets[p + 1]; k++) {
          if (hierarchy.subDepth[k] === d && !sink.addAll(index.commandEdges[hierarchy.subEdge[k]].evidence, 1)) return;
        }
      }
    },
  };
};

function countDepth(depths: Uint8Array, from: number, to: number, d: number): number {
  let c = 0;
  for (let k = from; k < to; k++) if (depths[k] === d) c++;
  return c;
}
