import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHEETS } from '../../src/matrix/columns.js';
import { parsedReturnSchema } from '../../src/matrix/model.js';
import { RULESETS } from '../../src/matrix/rulesets/index.js';
import { buildTemplate } from '../../src/matrix/template.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, validReturn, type CellInput, type Table } from './fixtures.js';

/** Types a fixture into the template the way an analyst would: by header, in the template's own cells. */
async function fillTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
  const fx = validReturn();
  const ret = wb.getWorksheet('Return')!;
  ret.eachRow((row) => {
    const found = fx.meta.find(([label]) => label === row.getCell(1).text);
    if (found) row.getCell(2).value = found[1] as ExcelJS.CellValue;
  });
  const fill = (table: Table) => {
    const ws = wb.getWorksheet(table.name)!;
    const cols = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => cols.set(cell.text, col));
    table.rows.forEach((record, i) => {
      for (const [header, value] of Object.entries(record) as [string, CellInput][]) {
        if (value !== null && value !== undefined) ws.getCell(i + 2, cols.get(header)!).value = value as ExcelJS.CellValue;
      }
    });
  };
  for (const t of [fx.lines, fx.nominals, fx.addresses!, fx.associations!]) fill(t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('template', () => {
  it('has the sheets of the guidance with every column, frozen headers and notes', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Return', 'Lines', 'Nominals', 'Addresses', 'Associations', 'Guidance']);
    const lines = wb.getWorksheet('Lines')!;
    const headers = (lines.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(Object.values(SHEETS.lines.columns).map((c) => c.header));
    expect(lines.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(lines.getCell('A1').note).toBeTruthy();
  });

  it('offers drop-down lists for code and force columns, and formats dates and phone numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
    const lines = wb.getWorksheet('Lines')!;
    const col = (header: string) => (lines.getRow(1).values as string[]).indexOf(header);
    expect(lines.getCell(2, col('Line Status')).dataValidation).toMatchObject({ type: 'list', formulae: ['"ACTIVE,DORMANT,CLOSED"'] });
    expect(lines.getCell(4999, col('Exporting Force')).dataValidation?.formulae?.[0]).toContain('LEI');
    expect(lines.getColumn(col('Deal Numbers')).numFmt).toBe('@');
    expect(lines.getColumn(col('First Seen')).numFmt).toBe('dd/mm/yyyy');
    expect(wb.getWorksheet('Return')!.getCell('B1').dataValidation).toMatchObject({ type: 'list' });
  });

  it('lists every rule of every version on the Guidance sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
    const ids = new Set<string>();
    wb.getWorksheet('Guidance')!.eachRow((row) => ids.add(row.getCell(1).text));
    for (const set of RULESETS) for (const r of set.rules) expect(ids).toContain(r.id);
  });

  it('validates with no error or warning once filled in correctly', async () => {
    const result = await validateBuffer(await fillTemplate(), { now: NOW });
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(result.problems.map((p) => p.rule)).toEqual(['V2-FILE-EXTRA-SHEET']);
    expect(parsedReturnSchema.parse(result.parsed)).toMatchObject({ meta: { force: 'LEI', month: '2024-03' } });
    expect(result.parsed!.lines[0].dealNumbers).toEqual(['+447700900001']);
  });

  it('reports the blank template as an empty return, not as a broken file', async () => {
    const result = await validateBuffer(await buildTemplate(), { now: NOW });
    expect(result.parsed).toBeNull();
    expect(result.problems.filter((p) => p.rule === 'V2-FILE-COLUMN')).toEqual([]);
    expect(result.problems.some((p) => p.rule === 'V2-RETURN-FORCE')).toBe(true);
  });
});
