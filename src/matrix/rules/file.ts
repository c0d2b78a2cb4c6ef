// MATRIX-V2 §1: the workbook as a whole, and cell-level reading rules.
import { SHEETS, SHEET_KEYS, type ColumnKey, type ColumnSpec, type SheetKey } from '../columns.js';
import type { Ctx } from '../context.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { rule, type Report, type RuleEnv } from './types.js';

const headerOf = <S extends SheetKey>(s: S, k: ColumnKey<S>) => (SHEETS[s].columns as Record<string, ColumnSpec>)[k].header;

function missingColumns<S extends SheetKey>(ctx: Ctx, s: S, report: Report, env: RuleEnv) {
  const sheet = ctx.sheets[s];
  if (sheet.name === null) return;
  const noHeaders = Object.keys(sheet.columns).length === 0 && sheet.unknown.length === 0;
  if (noHeaders && s !== 'return') {
    report(s, null, null, `The ${sheet.name} sheet has no header row: row 1 must hold the column names, as in the template`);
    return;
  }
  for (const k of env.required[s] as readonly ColumnKey<S>[]) {
    if (sheet.columns[k] !== undefined) continue;
    const what = s === 'return' ? `"${headerOf(s, k)}" row (label in column A, value in column B)` : `"${headerOf(s, k)}" column`;
    report(s, null, k, `The ${sheet.name} sheet has no ${what}`);
  }
  for (const d of sheet.duplicates) {
    report.at(
      { sheet: sheet.name, row: d.row, col: d.col, column: headerOf(s, d.key) },
      `"${headerOf(s, d.key)}" appears more than once on the ${sheet.name} sheet; keep one`,
    );
  }
}

export const FILE_RULES = [
  // Listed so a refused file's rule can be looked up; it is raised only by the reader (errors.ts), before any rule set runs.
  rule({
    id: 'V2-FILE-FORMAT',
    severity: 'error',
    sheet: 'file',
    columns: [],
    description:
      'The file is an .xlsx workbook that can be read: not a renamed CSV or old .xls, not password-protected, not damaged. Otherwise it is refused before validation, as one problem under this rule.',
  }),
  rule({
    id: 'V2-FILE-SHEET',
    severity: 'error',
    sheet: 'file',
    columns: [],
    description: 'The sheets Return, Lines and Nominals are present (names match ignoring case and spaces).',
    check(ctx, report) {
      for (const s of SHEET_KEYS) {
        if (SHEETS[s].required && ctx.sheets[s].name === null) report(s, null, null, `The workbook has no "${SHEETS[s].name}" sheet`);
      }
    },
  }),
  rule({
    id: 'V2-FILE-COLUMN',
    severity: 'error',
    sheet: 'file',
    columns: [],
    description: 'Every required column (Return: every required label) is present, once.',
    check(ctx, report, env) {
      for (const s of SHEET_KEYS) missingColumns(ctx, s, report, env);
    },
  }),
  rule({
    id: 'V2-FILE-UNKNOWN-COLUMN',
    severity: 'warning',
    sheet: 'file',
    columns: [],
    description: 'A header (or Return label) the guidance does not know; the column is ignored.',
    check(ctx, report) {
      for (const s of SHEET_KEYS) {
        const sheet = ctx.sheets[s];
        for (const u of sheet.unknown) {
          const what = s === 'return' ? 'label' : 'column';
          report.at({ sheet: sheet.name, row: u.row, col: u.col, column: u.header }, `The ${what} "${u.header}" is not in the guidance and is ignored`, u.header);
        }
      }
    },
  }),
  rule({
    id: 'V2-FILE-EXTRA-SHEET',
    severity: 'info',
    sheet: 'file',
    columns: [],
    description: 'A sheet that is not part of the return (such as the template\'s Guidance) is ignored.',
    check(ctx, report) {
      for (const name of ctx.extraSheets) {
        report.at({ sheet: name, row: null, col: null, column: null }, `The sheet "${name}" is not part of the return and is ignored`, null);
      }
    },
  }),
  rule({
    id: 'V2-FILE-LIMIT',
    severity: 'error',
    sheet: 'file',
    columns: [],
    description: 'At most 50,000 data rows per sheet, 20 MB per file, 200 MB unpacked. Files over the size limits are refused before reading.',
    check(ctx, report) {
      for (const s of SHEET_KEYS) {
        const sheet = ctx.sheets[s];
        if (sheet.dataRows > DEFAULT_LIMITS.maxRowsPerSheet) {
          report(s, null, null, `The ${sheet.name} sheet has ${sheet.dataRows.toLocaleString('en-GB')} rows; the limit is ${DEFAULT_LIMITS.maxRowsPerSheet.toLocaleString('en-GB')}`, null);
        }
      }
    },
  }),
  rule({
    id: 'V2-CELL-FORMULA',
    severity: 'error',
    sheet: 'file',
    columns: [],
    description: 'A formula cell has a saved result (the result is used); a formula never calculated, or a cell showing an error such as #N/A, is refused.',
  }),
  rule({
    id: 'V2-CELL-DATE',
    severity: 'error',
    sheet: 'file',
    columns: [],
    description: 'A date cell holds a real date, YYYY-MM-DD, DD/MM/YYYY or an Excel date number; anything else is refused.',
  }),
];
