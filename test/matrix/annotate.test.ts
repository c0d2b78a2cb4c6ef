import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../../src/matrix/annotate.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, toXlsx, validReturn } from './fixtures.js';

async function annotatedBroken() {
  const fx = validReturn();
  fx.lines.name = 'County Lines';
  fx.lines.rows[0]['Deal Numbers'] = '0771 234';
  fx.lines.rows[0]['Last Activity'] = '2023-12-01';
  fx.lines.rows[1]['Line Status'] = '=HYPERLINK("http://evil.example","x")';
  const original = await toXlsx(fx);
  const result = await validateBuffer(original, { now: NOW });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await annotateWorkbook(original, result.problems)) as unknown as ArrayBuffer);
  return { wb, result };
}

describe('annotateWorkbook', () => {
  it('puts a Validation sheet first, with every problem and a link to its cell', async () => {
    const { wb, result } = await annotatedBroken();
    expect(wb.worksheets[0].name).toBe('Validation');
    const report = wb.getWorksheet('Validation')!;
    expect(report.rowCount).toBe(result.problems.length + 1);
    const linkCell = report.getColumn(3).values.find((v) => typeof v === 'object' && v !== null && 'hyperlink' in v) as ExcelJS.CellHyperlinkValue;
    expect(linkCell.hyperlink).toMatch(/^#'County Lines'!C2$/);
  });

  it('fills error cells red and warning cells amber, with the messages as notes', async () => {
    const { wb } = await annotatedBroken();
    const lines = wb.getWorksheet('County Lines')!;
    expect((lines.getCell('C2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(lines.getCell('C2').note)).toContain('Deal number 0771 234 is not a UK mobile number');
    expect((lines.getCell('K2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFEB9C');
  });

  it('neutralises text echoed from the upload so it cannot run as a formula', async () => {
    const { wb } = await annotatedBroken();
    const values: string[] = [];
    wb.getWorksheet('Validation')!.eachRow((row) => values.push(row.getCell(5).text));
    const echoed = values.find((v) => v.includes('HYPERLINK'));
    expect(echoed?.startsWith("'=")).toBe(true);
  });

  it('returns a clean file with a "no problems" report, keeping a sheet of the same name', async () => {
    const fx = validReturn();
    fx.extra.push({ name: 'Validation', headers: ['mine'], rows: [] });
    const original = await toXlsx(fx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annotateWorkbook(original, [])) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Validation 2');
    expect(wb.getWorksheet('Validation 2')!.getCell('F2').text).toBe('No problems found.');
  });
});
