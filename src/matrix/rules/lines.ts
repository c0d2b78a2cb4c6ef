// MATRIX-V2 §4: the Lines sheet, one row per county line, and §0's settled
// questions (movement, investigation status, reporting threshold).
import { daysBetween } from '../dates.js';
import { lookups } from './lookups.js';
import { rule } from './types.js';

const STRONG_GRADINGS = new Set(['1A', '1B', '2A', '2B']);
const HOLDING_ROLES = ['CONTROLLER', 'LINE_HOLDER', 'UNKNOWN'];
const STALE_DAYS = 90;

/** §4 V2-LINE-MOVEMENT: areas compare ignoring case, spaces and punctuation. */
const areaKey = (force: string | null, area: string) => `${force ?? ''}:${area.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

const simple = (id: string, columns: string[], description: string) => rule({ id, severity: 'error', sheet: 'lines', columns, description });

export const LINE_RULES = [
  rule({
    id: 'V2-LINE-REF',
    severity: 'error',
    sheet: 'lines',
    columns: ['Line Ref'],
    description: 'Line Ref is 2–32 characters of A–Z, 0–9 and -, unique in the sheet (compared ignoring case).',
    check(ctx, report) {
      const seen = new Map<string, number>();
      for (const rec of ctx.sheets.lines.recs) {
        const ref = rec.v.ref;
        if (!ref) continue;
        const first = seen.get(ref);
        if (first === undefined) seen.set(ref, rec.row);
        else report('lines', rec, 'ref', `Line Ref ${ref} is also used on row ${first}; each line needs its own reference`);
      }
    },
  }),
  simple('V2-LINE-NAME', ['Line Name'], 'Line Name, the brand the line trades under, is 1–60 characters.'),
  rule({
    id: 'V2-LINE-NUMBER',
    severity: 'error',
    sheet: 'lines',
    columns: ['Deal Numbers'],
    description: 'Deal Numbers are UK mobile numbers (stored as +447…); a number appears on only one line of the return.',
    check(ctx, report) {
      const owner = new Map<string, { ref: string | null; row: number }>();
      for (const rec of ctx.sheets.lines.recs) {
        for (const n of rec.v.dealNumbers ?? []) {
          const first = owner.get(n);
          if (!first) owner.set(n, { ref: rec.v.ref, row: rec.row });
          else report('lines', rec, 'dealNumbers', `Deal number ${n} is also given for line ${first.ref ?? `on row ${first.row}`}; a number may belong to only one line`);
        }
      }
    },
  }),
  simple('V2-LINE-EXPFORCE', ['Exporting Force'], 'Exporting Force is a force code (§8).'),
  simple('V2-LINE-EXPAREA', ['Exporting Area'], 'Exporting Area names the town, city or borough the drugs come from.'),
  simple('V2-LINE-IMPAREA', ['Importing Areas'], 'Importing Areas is a list of FORCE:Area entries with valid force codes.'),
  simple('V2-LINE-STATUS', ['Line Status'], 'Line Status is ACTIVE, DORMANT or CLOSED.'),
  simple('V2-LINE-INVESTIGATION', ['Investigation Status'], 'Investigation Status is ACTIVE_INVESTIGATION or INTEL_ONLY (§0).'),
  rule({
    id: 'V2-LINE-CLOSED',
    severity: 'error',
    sheet: 'lines',
    columns: ['Line Status', 'Closed Date'],
    description: 'A CLOSED line has a Closed Date, not after the end of the reporting month.',
    check(ctx, report) {
      for (const rec of ctx.sheets.lines.recs) {
        const { status, closedDate } = rec.v;
        if (status === 'CLOSED' && closedDate === null && !rec.bad?.closedDate) report('lines', rec, 'closedDate', 'The line is CLOSED, so its Closed Date is required');
        if (closedDate && ctx.monthEnd && closedDate > ctx.monthEnd) {
          report('lines', rec, 'closedDate', `Closed Date ${closedDate} is after the end of the reporting month (${ctx.monthEnd})`);
        }
      }
    },
  }),
  rule({
    id: 'V2-LINE-DATES',
    severity: 'error',
    sheet: 'lines',
    columns: ['First Seen', 'Last Activity'],
    description: 'First Seen ≤ Last Activity ≤ the end of the reporting month.',
    check(ctx, report) {
      const end = ctx.monthEnd;
      for (const rec of ctx.sheets.lines.recs) {
        const { firstSeen, lastActivity } = rec.v;
        if (end && firstSeen && firstSeen > end) report('lines', rec, 'firstSeen', `First Seen ${firstSeen} is after the end of the reporting month (${end})`);
        if (end && lastActivity && lastActivity > end) report('lines', rec, 'lastActivity', `Last Activity ${lastActivity} is after the end of the reporting month (${end})`);
        if (firstSeen && lastActivity && firstSeen > lastActivity) {
          report('lines', rec, 'lastActivity', `Last Activity ${lastActivity} is before First Seen ${firstSeen}`);
        }
      }
    },
  }),
  rule({
    id: 'V2-LINE-STALE',
    severity: 'warning',
    sheet: 'lines',
    columns: ['Line Status', 'Last Activity'],
    description: `An ACTIVE line whose Last Activity is more than ${STALE_DAYS} days before the end of the reporting month.`,
    check(ctx, report) {
      if (!ctx.monthEnd) return;
      for (const rec of ctx.sheets.lines.recs) {
        const { status, lastActivity } = rec.v;
        if (status !== 'ACTIVE' || !lastActivity) continue;
        const days = daysBetween(lastActivity, ctx.monthEnd);
        if (days > STALE_DAYS) report('lines', rec, 'lastActivity', `The line is ACTIVE but its last activity was ${days} days before the month end; should it be DORMANT?`);
      }
    },
  }),
  simple('V2-LINE-DRUGS', ['Drug Types'], 'Drug Types, when given, are from the drugs list.'),
  simple('V2-LINE-EXPLOITATION', ['Child Exploitation', 'Adult Exploitation', 'Cuckooing', 'Violence'], 'Each exploitation column is YES, NO or UNKNOWN; exploitation is recorded, not an inclusion test (§0).'),
  simple('V2-LINE-WEAPONS', ['Weapons'], 'Weapons, when given, are from the weapons list.'),
  rule({
    id: 'V2-LINE-THRESHOLD',
    severity: 'error',
    sheet: 'lines',
    columns: ['Intel Reports', 'Best Grading', 'Evidential'],
    description: 'Intel Reports is a whole number ≥ 0; Evidential is YES or NO; the line meets the threshold: Evidential = YES, or one report graded 1A/1B/2A/2B, or two or more reports (§0).',
    check(ctx, report) {
      for (const rec of ctx.sheets.lines.recs) {
        const { evidential, intelReports, bestGrading } = rec.v;
        if (rec.bad?.evidential || rec.bad?.intelReports || rec.bad?.bestGrading) continue;
        if (evidential === null && intelReports === null) continue;
        const met = evidential === 'YES' || (intelReports ?? 0) >= 2 || ((intelReports ?? 0) >= 1 && STRONG_GRADINGS.has(bestGrading ?? ''));
        if (!met) {
          report(
            'lines',
            rec,
            'intelReports',
            'The line is below the reporting threshold: it needs evidential material, one report graded 1A, 1B, 2A or 2B, or two or more independent reports',
          );
        }
      }
    },
  }),
  simple('V2-LINE-NOTES', ['Notes'], 'Notes are at most 2,000 characters.'),
  rule({
    id: 'V2-LINE-MOVEMENT',
    severity: 'error',
    sheet: 'lines',
    columns: ['Exporting Force', 'Exporting Area', 'Importing Areas'],
    description: 'At least one importing area differs from the exporting area: no movement, no county line (§0).',
    check(ctx, report) {
      for (const rec of ctx.sheets.lines.recs) {
        const { exportingForce, exportingArea, importingAreas } = rec.v;
        if (!exportingArea || !importingAreas?.length) continue;
        const from = areaKey(exportingForce, exportingArea);
        if (importingAreas.every((a) => areaKey(exportingForce ? a.force : null, a.area) === from)) {
          report('lines', rec, 'importingAreas', `Every importing area is the exporting area (${exportingArea}); local dealing with no movement between areas is not a county line`);
        }
      }
    },
  }),
  rule({
    id: 'V2-LINE-MOVEMENT-SAME',
    severity: 'warning',
    sheet: 'lines',
    columns: ['Exporting Area', 'Importing Areas'],
    description: 'An importing area equal to the exporting area, beside others that differ.',
    check(ctx, report) {
      for (const rec of ctx.sheets.lines.recs) {
        const { exportingForce, exportingArea, importingAreas } = rec.v;
        if (!exportingArea || !importingAreas?.length) continue;
        const from = areaKey(exportingForce, exportingArea);
        const same = importingAreas.filter((a) => areaKey(exportingForce ? a.force : null, a.area) === from);
        if (same.length > 0 && same.length < importingAreas.length) {
          report('lines', rec, 'importingAreas', `Importing area ${same[0].force}:${same[0].area} is the exporting area itself; check it is meant`);
        }
      }
    },
  }),
  rule({
    id: 'V2-LINE-TOUCHES',
    severity: 'error',
    sheet: 'lines',
    columns: ['Exporting Force', 'Importing Areas'],
    description: 'The line touches the reporting force: it is the exporting force, or an importing area is in it.',
    check(ctx, report) {
      if (!ctx.force) return;
      for (const rec of ctx.sheets.lines.recs) {
        const { exportingForce, importingAreas } = rec.v;
        if (!exportingForce || !importingAreas) continue;
        if (exportingForce !== ctx.force && !importingAreas.some((a) => a.force === ctx.force)) {
          report('lines', rec, 'importingAreas', `The line neither exports from nor imports into ${ctx.force}; report it only if it touches your force`);
        }
      }
    },
  }),
  rule({
    id: 'V2-LINE-HOLDER',
    severity: 'warning',
    sheet: 'lines',
    columns: ['Line Status', 'Role (Nominals)'],
    description: 'An ACTIVE line with no nominal in the role CONTROLLER, LINE_HOLDER or UNKNOWN.',
    check(ctx, report) {
      const { rolesByLine, linesWithUnreadableRole } = lookups(ctx);
      for (const rec of ctx.sheets.lines.recs) {
        // A misspelt role ("CONTROLER") is its own error; the line is not also said to lack a holder.
        if (rec.v.status !== 'ACTIVE' || !rec.v.ref || linesWithUnreadableRole.has(rec.v.ref)) continue;
        const roles = rolesByLine.get(rec.v.ref);
        if (!HOLDING_ROLES.some((r) => roles?.has(r))) {
          report('lines', rec, 'ref', `Active line ${rec.v.ref} has no nominal as CONTROLLER, LINE_HOLDER or UNKNOWN; who runs it?`);
        }
      }
    },
  }),
];
