import { VICTIM_CHILD, VICTIM_EXPLOITED } from '../index.js';
import type { Factor } from './factor.js';

// Position in the command hierarchy: who directs, supplies, exploits, recruits
// or finances whom. Scored as a Katz-style count of the people below
// (Katz 1953, "A new status index derived from sociometric analysis"): each
// subordinate at distance d counts decay^(d−1), so someone directing three
// line holders who each direct two runners outranks each line holder, and a
// supplier above them outranks all. This is the "reverse" reading of status
// that Krebs (2002) and Morselli (2009, ch. 2) recommend for covert networks,
// where the people who matter give orders through others rather than being
// central by contact. Counted over a bounded BFS tree, so cycles cannot blow it up.
// Being directed, exploited or recruited by others says the person is not at
// the top of their chain (see `position` below). Being supplied or financed is
// a trading relationship, not subordination, and does not count against a
// controller.

const SUBORDINATING = new Set(['DIRECTS', 'EXPLOITS', 'RECRUITED']);

export const direction: Factor = ({ index, hierarchy }, { decay }) => {
  const n = index.people.length;
  const sub = hierarchy.subordinates;
  const raw = new Float64Array(n);
  const deepest = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    for (let k = sub.offsets[p]; k < sub.offsets[p + 1]; k++) {
      const d = hierarchy.subDepth[k];
      raw[p] += decay ** (d - 1);
      if (d > deepest[p]) deepest[p] = d;
    }
  }
  const up = index.commandUp;
  const directedBy = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const bosses = new Set<number>();
    for (let k = up.offsets[p]; k < up.offsets[p + 1]; k++) {
      if (SUBORDINATING.has(index.commandEdges[index.commandUpEdge[k]].type)) bosses.add(up.targets[k]);
    }
    // An exploited person or a child (presumed exploited, V2-NOM-CHILD) is under
    // someone's control even when the exploiter is not named.
    directedBy[p] = bosses.size === 0 && index.victim[p] & (VICTIM_CHILD | VICTIM_EXPLOITED) ? 1 : bosses.size;
  }
  // Position: a smoothed share of dominance, (below + 1) / (below + above + 2),
  // in the spirit of David's score for dominance hierarchies (David 1987): no
  // recorded relationship is neutral (½), being directed by others pulls
  // towards 0, directing others towards 1. Levels below add to `below` through
  // the decayed count, so a controller two levels up outranks a line holder
  // with the same head count.
  const normalised = raw.map((down, p) => (down + 1) / (down + directedBy[p] + 2));
  return {
    raw,
    normalised,
    detail: (p) => ({
      subordinates: sub.offsets[p + 1] - sub.offsets[p],
      direct: countDepth(hierarchy.subDepth, sub.offsets[p], sub.offsets[p + 1], 1),
      levelsBelow: deepest[p],
      above: up.offsets[p + 1] - up.offsets[p],
      directedBy: directedBy[p],
    }),
    evidence: (p, sink) => {
      for (let k = sub.offsets[p]; k < sub.offsets[p + 1]; k++) if (!sink.addAll(index.commandEdges[hierarchy.subEdge[k]].evidence, 1)) return;
    },
  };
};

function countDepth(depths: Uint8Array, from: number, to: number, d: number): number {
  let c = 0;
  for (let k = from; k < to; k++) if (depths[k] === d) c++;
  return c;
}
