import type { Factor } from './factor.js';
import { saturate } from './normalise.js';

// Brokerage between otherwise separate parts of the network: estimated
// betweenness on the two-mode person–line graph with person–person
// relationships (Brandes & Pich 2007, computed once per build in
// analyse.ts). A person tying several lines or groups together lies on their
// shortest paths; someone on one line only does not (Morselli 2009, ch. 1:
// brokers are strategically placed, not necessarily central).

export const brokerage: Factor = ({ index, betweenness }) => {
  const raw = Float64Array.from(betweenness);
  return {
    raw,
    normalised: saturate(raw),
    detail: (p) => ({
      betweenness: raw[p],
      lines: index.personLines.offsets[p + 1] - index.personLines.offsets[p],
      relationships: index.associates.offsets[p + 1] - index.associates.offsets[p],
    }),
    evidence: (p, sink) => {
      for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) if (!sink.addAll(index.onLine[k].evidence, 1)) return;
      for (let k = index.associates.offsets[p]; k < index.associates.offsets[p + 1]; k++) {
        if (!sink.addAll(index.associateEdges[index.associateEdge[k]].evidence, 1)) return;
      }
    },
  };
};
