// The analyst's own workbook handed back with every problem on its cell: errors
// red, warnings amber, each with a note, and a first sheet "Validation" that
// lists all problems with links to their cells. Everything written is text
// from the service or echoed from the upload, so all of it is neutralised
// against formula injection (src/xlsx/safe-cell.ts).
//
// The report is a new workbook holding the upload's cell values only (issue
// #12): nothing active of the upload's is carried over — no formulas (a
// crafted return put WEBSERVICE calls in), data validations, conditional
// formats, hyperlinks, defined names, external links, drawings or macros.
// Formatting is the service's own (fills, notes, date format, column widths).
import type ExcelJS from 'exceljs';
import { parseCellRef } from './cell-ref.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { Problem, Severity } from './problem.js';
import { inspectUpload } from './zip-guard.js';
import { loadExcelJS, type ExcelJSModule } from '../xlsx/exceljs.js';
import { neutraliseFormula, neutraliseWorkbook } from '../xlsx/safe-cell.js';

const FILLS: Partial<Record<Severity, string>> = { error: 'FFFFC7CE', warning: 'FFFFEB9C' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/**
 * Annotates a workbook the reader accepted (it is checked again here, cheaply,
 * so a caller cannot hand exceljs a file that never went through the guard).
 */
export async function annotateWorkbook(original: Buffer, problems: Problem[]): Promise<Buffer> {
  inspectUpload(original, DEFAULT_LIMITS);
  const excel = await loadExcelJS();
  const upload = new excel.Workbook();
  await upload.xlsx.load(original as unknown as ArrayBuffer);
  // Formulas become their cached values, text is neutralised; then only values are copied.
  await neutraliseWorkbook(upload);
  const wb = copyValues(excel, upload);
  markCells(wb, problems);
  addValidationSheet(wb, problems);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const DATE_FORMAT = 'yyyy-mm-dd';

/** The upload's sheets as values in a fresh workbook: same names, order, cells and column widths, nothing else. */
function copyValues(excel: ExcelJSModule, upload: ExcelJS.Workbook): ExcelJS.Workbook {
  const wb = new excel.Workbook();
  for (const source of upload.worksheets) {
    const ws = addSheet(wb, source.name);
    source.columns?.forEach((column, i) => {
      if (column.width) ws.getColumn(i + 1).width = column.width;
    });
    source.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged range keeps its value in its first cell; the others only mirror it.
        if (cell.type === excel.ValueType.Merge) return;
        const value = plainValue(cell.value);
        if (value === null) return;
        const target = ws.getCell(cell.address);
        target.value = value;
        if (value instanceof Date) target.numFmt = DATE_FORMAT;
        if (typeof cell.note === 'string') target.note = cell.note;
      });
    });
  }
  return wb;
}

/** A sheet under the upload's name, or a plain one when exceljs refuses that name (which Excel would too). */
function addSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  try {
    return wb.addWorksheet(name);
  } catch {
    return wb.addWorksheet(uniqueName(wb, 'Sheet'));
  }
}

/**
 * A cell value with nothing that can act or point elsewhere: rich text becomes
 * its text, a hyperlink its label. Callers have already neutralised text and
 * turned formulas into their results (neutraliseWorkbook).
 */
function plainValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return String(v.text ?? '');
  if ('error' in v) return v;
  return null;
}

function markCells(wb: ExcelJS.Workbook, problems: Problem[]): void {
  const byCell = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.cell) continue;
    const list = byCell.get(p.cell);
    if (list) list.push(p);
    else byCell.set(p.cell, [p]);
  }
  for (const [ref, list] of byCell) {
    const at = parseCellRef(ref);
    const ws = at && wb.getWorksheet(at.sheet);
    if (!at || !ws) continue;
    const cell = ws.getCell(at.address);
    const worst = list.reduce((a, b) => (RANK[b.severity] < RANK[a.severity] ? b : a)).severity;
    const argb = FILLS[worst];
    if (argb) cell.fill = fill(argb);
    const text = list.map((p) => `${p.rule} (${p.severity}): ${p.message}`).join('\n');
    const existing = typeof cell.note === 'string' ? cell.note : '';
    cell.note = neutraliseFormula(existing ? `${text}\n\n${existing}` : text);
  }
}

function uniqueName(wb: ExcelJS.Workbook, base: string): string {
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base} ${i}`;
  return name;
}

/** exceljs orders sheets by this property, which its type declarations leave out. */
type Ordered = ExcelJS.Worksheet & { orderNo: number };

function addValidationSheet(wb: ExcelJS.Workbook, problems: Problem[]): void {
  const first = Math.min(0, ...wb.worksheets.map((w) => (w as Ordered).orderNo));
  const ws = wb.addWorksheet(uniqueName(wb, 'Validation'), { views: [{ state: 'frozen', ySplit: 1 }] });
  // The report goes in front of the analyst's sheets.
  (ws as Ordered).orderNo = first - 1;
  ws.columns = [
    { header: 'Severity', width: 10 },
    { header: 'Rule', width: 26 },
    { header: 'Cell', width: 16 },
    { header: 'Column', width: 24 },
    { header: 'Value', width: 30 },
    { header: 'Message', width: 100 },
  ];
  ws.getRow(1).font = { bold: true };
  if (problems.length === 0) ws.addRow(['', '', '', '', '', 'No problems found.']);
  for (const p of [...problems].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
    const row = ws.addRow([p.severity, p.rule, null, p.column ?? p.sheet ?? '', p.value ?? '', p.message].map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
    const at = p.cell ? parseCellRef(p.cell) : null;
    if (at) {
      row.getCell(3).value = { text: neutraliseFormula(p.cell!), hyperlink: `#'${at.sheet.replace(/'/g, "''")}'!${at.address}` };
      row.getCell(3).font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    const argb = FILLS[p.severity];
    if (argb) row.getCell(1).fill = fill(argb);
  }
}
