import type { Factor } from './factor.js';
import { saturate } from './normalise.js';

// Insulation: structural reach the police rarely see. Lines upstream of
// divided by (1 + police contacts per reported row). The old method ranked by
// contacts; here contacts can only lower a score, and a person above many
// lines with few contacts — the controller's signature the inspection
// describes ("may never touch drugs or the phone", MATRIX-V2 §5) — scores highest.

export const insulation: Factor = ({ index, hierarchy }) => {
  const n = index.people.length;
  const raw = new Float64Array(n);
  const perRow = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let contacts = 0;
    let rows = 0;
    for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) {
      contacts += index.onLine[k].policeContacts;
      rows += index.onLine[k].rows;
    }
    perRow[p] = rows > 0 ? contacts / rows : 0;
    raw[p] = (hierarchy.reach.offsets[p + 1] - hierarchy.reach.offsets[p]) / (1 + perRow[p]);
  }
  return {
    raw,
    normalised: saturate(raw),
    detail: (p) => ({ contactsPerRow: perRow[p], lines: hierarchy.reach.offsets[p + 1] - hierarchy.reach.offsets[p] }),
    evidence: (p, sink) => {
      for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) if (!sink.addAll(index.onLine[k].evidence)) return;
    },
  };
};
