// MATRIX-V2 §9, the original guidance: the v2 rules under V1- ids, fewer
// required columns, and no counterpart for the rules v2 added. After a v1
// run the v2 set runs too (successor) so the force sees what v2 changes.
import type { RuleSet } from '../run-rules.js';
import { V2 } from './v2.js';

const NOT_IN_V1 = new Set([
  'V2-LINE-MOVEMENT',
  'V2-LINE-TOUCHES',
  'V2-LINE-INVESTIGATION',
  'V2-LINE-THRESHOLD',
  'V2-LINE-EXPLOITATION',
  'V2-HANDLING',
  // This set only runs for a return that declares version 1, so its own
  // version check could never fire; an unreadable version is the latest set's.
  'V2-RETURN-VERSION',
  // A file refused before validation has no version yet: it is always reported under the V2 id.
  'V2-FILE-FORMAT',
]);

export const V1: RuleSet = {
  version: 1,
  prefix: 'V1',
  rules: V2.rules.filter((r) => !NOT_IN_V1.has(r.id)).map((r) => ({ ...r, id: r.id.replace(/^V2-/, 'V1-') })),
  required: {
    ...V2.required,
    lines: ['ref', 'name', 'dealNumbers', 'exportingForce', 'importingAreas'],
    nominals: ['ref', 'lineRef', 'role', 'surname', 'policeContacts'],
  },
  successor: V2,
};
