// Rules whose columns sit on more than one sheet: grading (§4, §8) and
// handling codes (§4, §5).
import { lookups } from './lookups.js';
import { rule } from './types.js';

export const SHARED_RULES = [
  rule({
    id: 'V2-GRADING',
    severity: 'error',
    sheet: 'lines',
    columns: ['Best Grading (Lines, Nominals, Associations)'],
    description:
      'Best Grading is source 1–3 then intelligence A–D (e.g. 2B); E is refused (a report suspected false supports nothing). Required on a line with Intel Reports ≥ 1.',
    check(ctx, report) {
      for (const rec of ctx.sheets.lines.recs) {
        if ((rec.v.intelReports ?? 0) >= 1 && rec.v.bestGrading === null && !rec.bad?.bestGrading) {
          report('lines', rec, 'bestGrading', `Best Grading is required when Intel Reports is ${rec.v.intelReports}`);
        }
      }
    },
  }),
  rule({
    id: 'V2-HANDLING',
    severity: 'error',
    sheet: 'lines',
    columns: ['Handling Code', 'Handling Conditions (Lines, Nominals)'],
    description:
      "Handling Code is P or C; a C line gives its Handling Conditions; a nominal row marked C on a line that is not C gives its own conditions (a blank nominal code takes the line's).",
    check(ctx, report) {
      for (const rec of ctx.sheets.lines.recs) {
        if (rec.v.handlingCode === 'C' && rec.v.handlingConditions === null) {
          report('lines', rec, 'handlingConditions', 'Handling Code is C, so the Handling Conditions must be given');
        }
      }
      const { linesByRef } = lookups(ctx);
      for (const rec of ctx.sheets.nominals.recs) {
        if (rec.v.handlingCode !== 'C' || rec.v.handlingConditions !== null) continue;
        const line = rec.v.lineRef ? linesByRef.get(rec.v.lineRef) : undefined;
        if (line?.v.handlingCode !== 'C') {
          report('nominals', rec, 'handlingConditions', "This row's Handling Code is C and its line's is not, so the row needs its own Handling Conditions");
        }
      }
    },
  }),
];
