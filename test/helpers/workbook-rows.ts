import ExcelJS from 'exceljs';

// Reads rows of an uploaded return back by sheet name and row number, the way
// the service's evidence cites them (force, month, sheet, row), so a test can
// check that a cited row is really there and says what the service claims.
// Sheet names and headers match as the guidance says (MATRIX-V2 §1: ignoring
// case and surrounding or repeated spaces).

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export interface WorkbookRows {
  /** The row as header → cell text, or undefined when the sheet has no such non-empty row. */
  row(sheet: string, row: number): Record<string, string> | undefined;
}

export async function readWorkbookRows(buffer: Buffer): Promise<WorkbookRows> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets = new Map(wb.worksheets.map((ws) => [norm(ws.name), ws]));
  return {
    row(sheet, row) {
      const ws = sheets.get(norm(sheet));
      if (!ws || row < 2) return undefined;
      const headers: string[] = [];
      ws.getRow(1).eachCell((cell, col) => (headers[col] = norm(cell.text)));
      const out: Record<string, string> = {};
      ws.getRow(row).eachCell((cell, col) => {
        if (headers[col] && cell.text.trim() !== '') out[headers[col]] = cell.text.trim();
      });
      return Object.keys(out).length ? out : undefined;
    },
  };
}

/**
 * The workbook with cells of every row whose `where` column holds `equals`
 * set to raw text, as a hostile or careless analyst would type it (the world's
 * own writer defuses formula-like text, so hostile values go in here).
 */
export async function setCells(
  buffer: Buffer,
  sheet: string,
  where: { column: string; equals: string },
  values: Record<string, string>,
): Promise<{ buffer: Buffer; rows: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => norm(w.name) === norm(sheet));
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((cell, c) => col.set(norm(cell.text), c));
  const at = (header: string) => {
    const c = col.get(norm(header));
    if (c === undefined) throw new Error(`no column ${header} in ${sheet}`);
    return c;
  };
  let rows = 0;
  ws.eachRow((row, n) => {
    if (n === 1 || row.getCell(at(where.column)).text.trim().toUpperCase() !== where.equals.toUpperCase()) return;
    for (const [header, value] of Object.entries(values)) row.getCell(at(header)).value = value;
    rows++;
  });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}
