// The analyst's own workbook handed back with every problem on its cell: errors
// red, warnings amber, each with a note, and a first sheet "Validation" that
// lists all problems with links to their cells. Everything written is text
// from the service or echoed from the upload, so all of it is neutralised
// against formula injection (src/xlsx/safe-cell.ts).
import ExcelJS from 'exceljs';
import { parseCellRef } from './cell-ref.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { Problem, Severity } from './problem.js';
import { inspectUpload } from './zip-guard.js';
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
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(original as unknown as ArrayBuffer);
  // The analyst's own cells come back too: formulas as their values, text neutralised.
  neutraliseWorkbook(wb);
  markCells(wb, problems);
  addValidationSheet(wb, problems);
  return Buffer.from(await wb.xlsx.writeBuffer());
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
