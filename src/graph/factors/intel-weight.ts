import type { Factor } from './factor.js';
import { saturate } from './normalise.js';

// Weight of the intelligence behind the person's position: the sum of the
// confidences of their person–line links and of the relationships they direct
// (intel.ts: strongest grading per force, independent forces combined by
// noisy-OR). Many well-graded links reported by several forces outweigh one
// ungraded mention; it is a small weight because it measures how sure we are,
// not how senior the person is.

export const intelWeight: Factor = ({ index }) => {
  const n = index.people.length;
  const raw = new Float64Array(n);
  const forces = new Float64Array(n);
  const seen = new Set<string>();
  for (let p = 0; p < n; p++) {
    seen.clear();
    for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) {
      raw[p] += index.onLine[k].confidence;
      for (const f of index.onLine[k].forces) seen.add(f);
    }
    for (let k = index.command.offsets[p]; k < index.command.offsets[p + 1]; k++) {
      raw[p] += index.commandEdges[k].confidence;
      for (const f of index.commandEdges[k].forces) seen.add(f);
    }
    forces[p] = seen.size;
  }
  return {
    raw,
    normalised: saturate(raw),
    detail: (p) => ({ confidence: raw[p], reportingForces: forces[p] }),
    evidence: (p, sink) => {
      for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) if (!sink.addAll(index.onLine[k].evidence)) return;
      for (let k = index.command.offsets[p]; k < index.command.offsets[p + 1]; k++) if (!sink.addAll(index.commandEdges[k].evidence)) return;
    },
  };
};
