import type { Role } from '../../matrix/codes.js';
import type { Factor } from './factor.js';

// The role a force recorded, as a weak prior only. Importing forces often
// record a controlling mind as ASSOCIATE or UNKNOWN, or not at all, and a
// force sees only its own slice; so the strongest role any force recorded is
// taken, unknown roles sit at a neutral value, and the weight is small.
export const ROLE_PRIOR: Record<Role, number> = {
  CONTROLLER: 1,
  SUPPLIER: 1,
  LINE_HOLDER: 0.6,
  RECRUITER: 0.5,
  ENFORCER: 0.4,
  ASSOCIATE: 0.3,
  UNKNOWN: 0.3,
  RUNNER: 0,
  STREET_DEALER: 0,
  CUCKOOED_OCCUPANT: 0,
};
export const NO_ROLE_PRIOR = 0.3;

export const rolePrior: Factor = ({ index }) => {
  const n = index.people.length;
  const raw = new Float64Array(n);
  const from = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    raw[p] = NO_ROLE_PRIOR;
    let best = -1;
    for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) {
      for (const r of index.onLine[k].roles) {
        if (ROLE_PRIOR[r] > best) {
          best = ROLE_PRIOR[r];
          from[p] = k;
        }
      }
    }
    if (best >= 0) raw[p] = best;
  }
  return {
    raw,
    normalised: Float64Array.from(raw),
    detail: (p) => ({ prior: raw[p] }),
    evidence: (p, sink) => {
      if (from[p] >= 0) sink.addAll(index.onLine[from[p]].evidence);
    },
  };
};
