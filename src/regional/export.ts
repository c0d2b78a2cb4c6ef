import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../xlsx/exceljs.js';
import { neutraliseFormula } from '../xlsx/safe-cell.js';
import { regionalReturnTables, requireConditions, type CellValue, type RegionalReturnInput, type Table } from './export-tables.js';

// The regional return workbook. Every cell is written by `writeTable`, the
// one place that touches exceljs cells: it neutralises formula-like text
// (CWE-1236, src/xlsx/safe-cell.ts) and re-checks that no row with handling
// code C goes out without its conditions (V2-HANDLING), so neither can be
// bypassed by a new sheet.

function writeTable(wb: ExcelJS.Workbook, table: Table): void {
  const ws = wb.addWorksheet(table.name);
  const codeCol = table.header.indexOf('Handling Code');
  const condCol = table.header.indexOf('Handling Conditions');
  const safe = (v: CellValue) => (typeof v === 'string' ? neutraliseFormula(v) : v);
  ws.addRow(table.header.map(safe));
  table.rows.forEach((row, i) => {
    if (codeCol >= 0) requireConditions(String(row[codeCol] ?? ''), condCol >= 0 ? (row[condCol] as string | null) : null, `${table.name} row ${i + 2}`);
    ws.addRow(row.map(safe));
  });
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function buildRegionalReturnWorkbook(input: RegionalReturnInput): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = `county-lines-matrix regional merge (${input.region})`;
  wb.created = input.generatedAt;
  for (const table of regionalReturnTables(input)) writeTable(wb, table);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Text as written before neutralisation: a leading `'` before a formula
 * character is the escape, so it is removed. (A value that itself began with
 * `'=` would read back without its quote — no field of a return can.)
 */
const restore = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

function readCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return restore(value);
  if (typeof value === 'object' && 'richText' in value) return restore(value.richText.map((t) => t.text).join(''));
  return restore(String(value));
}

/** The tables of a regional return workbook, as `regionalReturnTables` produced them. */
export async function readRegionalReturnWorkbook(buffer: Buffer): Promise<Table[]> {
  const wb = new (await loadExcelJS()).Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const width = ws.getRow(1).cellCount;
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      rows.push(Array.from({ length: width }, (_, i) => readCell(row.getCell(i + 1).value)));
    });
    const [header = [], ...data] = rows;
    return { name: ws.name, header: header.map((h) => String(h)), rows: data };
  });
}
