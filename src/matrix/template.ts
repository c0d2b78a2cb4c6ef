// The blank return analysts fill in, generated from columns.ts and the rule
// sets so it can never disagree with the validator: headers with notes,
// drop-down lists for every code list, date and text formats (text keeps the
// leading 0 of a phone number), and a Guidance sheet listing every rule.
import type ExcelJS from 'exceljs';
import { columnLetter } from './cell-ref.js';
import { RETURN_FIELDS, SHEETS, type ColumnSpec, type SheetKey } from './columns.js';
import { RULESETS, LATEST } from './rulesets/index.js';
import { loadExcelJS } from '../xlsx/exceljs.js';
import { neutraliseFormula } from '../xlsx/safe-cell.js';

/** Rows that get drop-downs and formats; far more than any force reports in a month. */
export const TEMPLATE_ROWS = 5000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const DATE_FORMAT = 'dd/mm/yyyy';

const text = (s: string) => neutraliseFormula(s);

/** exceljs applies a validation to a whole range this way (one XML element), but its type declarations leave it out. */
type WithRangeValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function dropDown(spec: ColumnSpec): ExcelJS.DataValidation | null {
  if (!spec.choices) return null;
  const list = { type: 'list' as const, allowBlank: true, formulae: [`"${spec.choices.join(',')}"`] };
  const alsoTyped = spec.multi ? `Pick one, or type several separated by ; (e.g. ${spec.choices.slice(0, 2).join('; ')}).` : spec.alsoTyped;
  if (alsoTyped) {
    // The list only suggests: anything may be typed (several values, a force name) and the
    // validator judges it. No error message, the information style, and a prompt saying what may be typed.
    return { ...list, showErrorMessage: false, errorStyle: 'information', showInputMessage: true, promptTitle: spec.header.slice(0, 32), prompt: alsoTyped };
  }
  return { ...list, showErrorMessage: true, errorStyle: 'stop', errorTitle: spec.header, error: `Choose a value from the list for ${spec.header}.` };
}

function noteFor(sheet: SheetKey, key: string, spec: ColumnSpec): string {
  const required = (LATEST.required[sheet] as readonly string[]).includes(key);
  return `${spec.note}${required ? ' Required.' : ''}`;
}

function addReturnSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEETS.return.name);
  ws.columns = [{ width: 22 }, { width: 40 }];
  Object.entries(RETURN_FIELDS).forEach(([key, spec], i) => {
    const label = ws.getCell(i + 1, 1);
    label.value = text(spec.header);
    label.font = { bold: true };
    label.note = text(noteFor('return', key, spec));
    const value = ws.getCell(i + 1, 2);
    if (key === 'version') value.value = LATEST.version;
    if (spec.format === 'text') value.numFmt = '@';
    const list = dropDown(spec);
    if (list) value.dataValidation = list;
  });
}

function addTableSheet(wb: ExcelJS.Workbook, key: Exclude<SheetKey, 'return'>): void {
  const { name, columns } = SHEETS[key];
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  Object.entries(columns as Record<string, ColumnSpec>).forEach(([colKey, spec], i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.max(14, spec.header.length + 4);
    if (spec.format === 'date') column.numFmt = DATE_FORMAT;
    if (spec.format === 'text') column.numFmt = '@';
    const header = ws.getCell(1, i + 1);
    header.value = text(spec.header);
    header.fill = HEADER_FILL;
    header.font = HEADER_FONT;
    header.note = text(noteFor(key, colKey, spec));
    const list = dropDown(spec);
    const letter = columnLetter(i);
    if (list) (ws as WithRangeValidations).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS}`, list);
  });
}

function addGuidanceSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Guidance');
  ws.columns = [
    { header: 'Rule', width: 26 },
    { header: 'Severity', width: 10 },
    { header: 'Sheet', width: 14 },
    { header: 'Columns', width: 36 },
    { header: 'What it checks', width: 100 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const set of [...RULESETS].reverse()) {
    for (const r of set.rules) {
      const sheet = r.sheet === 'file' ? 'workbook' : SHEETS[r.sheet].name;
      ws.addRow([r.id, r.severity, sheet, r.columns.join(', '), r.description].map(text));
    }
  }
  ws.addRow([]);
  ws.addRow([text('This sheet is for reference and is ignored when the return is validated.')]);
}

export async function buildTemplate(): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'County lines intelligence collection matrix service';
  addReturnSheet(wb);
  addTableSheet(wb, 'lines');
  addTableSheet(wb, 'nominals');
  addTableSheet(wb, 'addresses');
  addTableSheet(wb, 'associations');
  addGuidanceSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
