// MATRIX-V2 §3: the Return sheet (labels in A, values in B).
import { rule } from './types.js';

const FIRST_MONTH = '2018-04';

export const RETURN_RULES = [
  rule({ id: 'V2-RETURN-FORCE', severity: 'error', sheet: 'return', columns: ['Force'], description: 'Force is a force code or full force name (§8).' }),
  rule({
    id: 'V2-RETURN-MONTH',
    severity: 'error',
    sheet: 'return',
    columns: ['Reporting Month'],
    description: 'Reporting Month is YYYY-MM or a date; not after the current month (service clock, UK time), not before 2018-04.',
    check(ctx, report) {
      const rec = ctx.sheets.return.recs[0];
      const month = rec.v.month;
      if (!month) return;
      if (month > ctx.currentMonth) report('return', rec, 'month', `Reporting Month ${month} is after the current month (${ctx.currentMonth})`);
      if (month < FIRST_MONTH) report('return', rec, 'month', `Reporting Month ${month} is before ${FIRST_MONTH}, when the matrix began`);
    },
  }),
  rule({
    id: 'V2-RETURN-VERSION',
    severity: 'error',
    sheet: 'return',
    columns: ['Guidance Version'],
    description: 'Guidance Version is 2, or 1 for a return following the original guidance (§9).',
    check(ctx, report, env) {
      const rec = ctx.sheets.return.recs[0];
      const v = rec.v.version;
      if (v !== null && !env.versions.includes(v)) {
        report('return', rec, 'version', `Guidance Version ${v} is not a version of the guidance; use ${env.versions.join(' or ')}`);
      }
    },
  }),
  rule({
    id: 'V2-RETURN-NIL',
    severity: 'error',
    sheet: 'return',
    columns: ['Nil Return'],
    description: 'Nil Return is YES or NO; YES requires an empty Lines sheet, NO at least one line.',
    check(ctx, report) {
      const rec = ctx.sheets.return.recs[0];
      const lines = ctx.sheets.lines;
      if (lines.name === null) return;
      if (rec.v.nilReturn === 'YES' && lines.recs.length > 0) {
        report('return', rec, 'nilReturn', `Nil Return is YES but the Lines sheet has ${lines.recs.length} line(s); set it to NO or empty the sheet`);
      }
      if (rec.v.nilReturn === 'NO' && lines.recs.length === 0) {
        report('return', rec, 'nilReturn', 'Nil Return is NO but the Lines sheet has no line; set it to YES if there is nothing to report');
      }
    },
  }),
  rule({ id: 'V2-RETURN-PREPARED', severity: 'error', sheet: 'return', columns: ['Prepared By'], description: 'Prepared By gives the name or collar number of the analyst.' }),
  rule({ id: 'V2-RETURN-EMAIL', severity: 'error', sheet: 'return', columns: ['Contact Email'], description: 'Contact Email, when given, is an e-mail address.' }),
];
