import type { Evidence } from '../model.js';
import type { Factor } from './factor.js';

// Persistence: the share of the window's months in which the person is
// reported on a line or directing someone. Controlling minds keep a line going
// while the people they exploit are arrested and replaced (HMICFRS 2020:
// "people controlling the lines can often simply replace those arrested");
// street-level roles churn. Normalised as months / months in the window.

export const persistence: Factor = ({ index }) => {
  const n = index.people.length;
  const window = Math.max(1, index.months.length);
  const raw = new Float64Array(n);
  const months = new Set<string>();
  for (let p = 0; p < n; p++) {
    months.clear();
    for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) {
      for (const m of index.onLine[k].months) months.add(m);
    }
    for (let k = index.command.offsets[p]; k < index.command.offsets[p + 1]; k++) {
      for (const e of index.commandEdges[k].evidence) months.add(e.month);
    }
    raw[p] = months.size;
  }
  return {
    raw,
    normalised: raw.map((m) => Math.min(1, m / window)),
    detail: (p) => ({ months: raw[p], window }),
    evidence: (p, sink) => {
      const byMonth = new Map<string, Evidence>();
      for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) {
        for (const e of index.onLine[k].evidence) if (!byMonth.has(e.month)) byMonth.set(e.month, e);
      }
      sink.addAll([...byMonth.values()]);
    },
  };
};
