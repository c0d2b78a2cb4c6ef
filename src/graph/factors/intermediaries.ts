import type { Factor } from './factor.js';
import { saturate } from './normalise.js';

// Command through intermediaries: how many distinct people the person directs,
// supplies, exploits, recruits or finances who in turn direct, supply,
// exploit, recruit or finance someone else. The core of a trafficking network
// keeps its distance from the street by working through others (Morselli,
// Giguère & Petit 2007, "The efficiency/security trade-off in criminal
// networks", Social Networks 29(1)); a controller's people are line holders
// who run runners, a supplier's are controllers, while a line holder's own
// people are the runners and dealers themselves. Counting intermediaries —
// out-neighbours with out-neighbours of their own in the command graph, the
// second step of a two-step reach (cf. Borgatti 2006 on two-step reach) —
// separates "holds one line's phone and the runners on it" from "runs the
// people who hold the phones". Normalised as n / (n + 1): one intermediary
// gives ½.

export const intermediaries: Factor = ({ index }) => {
  const n = index.people.length;
  const { command, commandEdges } = index;
  const raw = new Float64Array(n);
  const below = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  const reached = new Int32Array(n).fill(-1);
  const directs = (q: number) => command.offsets[q + 1] > command.offsets[q];
  for (let p = 0; p < n; p++) {
    for (let k = command.offsets[p]; k < command.offsets[p + 1]; k++) {
      const q = command.targets[k];
      if (seen[q] === p || !directs(q)) continue;
      seen[q] = p;
      raw[p]++;
    }
    // People reached through them (second step), for the explanation.
    for (let k = command.offsets[p]; k < command.offsets[p + 1]; k++) {
      const q = command.targets[k];
      for (let j = command.offsets[q]; j < command.offsets[q + 1]; j++) {
        const r = command.targets[j];
        if (r !== p && reached[r] !== p) {
          reached[r] = p;
          below[p]++;
        }
      }
    }
  }
  return {
    raw,
    normalised: saturate(raw, 1),
    detail: (p) => ({ intermediaries: raw[p], reachedThroughThem: below[p] }),
    evidence: (p, sink) => {
      // Each intermediary: the relationship to them, then one of theirs.
      const done = new Set<number>();
      for (let k = command.offsets[p]; k < command.offsets[p + 1]; k++) {
        const q = command.targets[k];
        if (!directs(q) || done.has(q)) continue;
        done.add(q);
        if (!sink.addAll(commandEdges[k].evidence, 1)) return;
        if (!sink.addAll(commandEdges[command.offsets[q]].evidence, 1)) return;
      }
    },
  };
};
