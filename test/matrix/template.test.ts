import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHEETS } from '../../src/matrix/columns.js';
import { parsedReturnSchema } from '../../src/matrix/model.js';
import { RULESETS } from '../../src/matrix/rulesets/index.js';
import { buildTemplate } from '../../src/matrix/template.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, fillTemplate } from './fixtures.js';

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

  it('lets lists and force names be typed where the guidance allows them: those drop-downs only suggest', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
    const validation = (sheet: string, header: string) => {
      const ws = wb.getWorksheet(sheet)!;
      return ws.getCell(2, (ws.getRow(1).values as string[]).indexOf(header)).dataValidation;
    };
    const suggests = { type: 'list', errorStyle: 'information', showInputMessage: true };
    for (const [sheet, header] of [['Lines', 'Drug Types'], ['Lines', 'Weapons'], ['Nominals', 'Vulnerabilities']]) {
      expect(validation(sheet, header)).toMatchObject({ ...suggests, prompt: expect.stringContaining('separated by ;') });
      expect(validation(sheet, header).showErrorMessage).toBeFalsy();
    }
    for (const [sheet, header] of [['Lines', 'Exporting Force'], ['Nominals', 'Home Force']]) {
      expect(validation(sheet, header)).toMatchObject({ ...suggests, prompt: expect.stringContaining('full force name') });
    }
    const force = wb.getWorksheet('Return')!.getCell('B1');
    expect(force.dataValidation).toMatchObject({ ...suggests, prompt: expect.stringContaining('full force name') });
    expect(force.dataValidation.showErrorMessage).toBeFalsy();
    const note = wb.getWorksheet('Return')!.getCell('A1').note as string | ExcelJS.Comment;
    expect(typeof note === 'string' ? note : note.texts!.map((t) => t.text).join('')).toMatch(/code .* or full force name/);
    // A closed list stays strict.
    expect(validation('Lines', 'Line Status')).toMatchObject({ errorStyle: 'stop', showErrorMessage: true });
  });

  it('accepts force names and typed lists in the template', async () => {
    const result = await validateBuffer(
      await fillTemplate(await buildTemplate(), (fx) => {
        fx.meta[0][1] = 'Leicestershire';
        fx.lines.rows[0]['Exporting Force'] = 'Metropolitan Police Service';
        fx.lines.rows[0]['Weapons'] = 'KNIFE; FIREARM';
      }),
      { now: NOW },
    );
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(result.parsed!.lines[0]).toMatchObject({ exportingForce: 'MET', drugTypes: ['HEROIN', 'CRACK'], weapons: ['KNIFE', 'FIREARM'] });
  });

  it('lists every rule of every version on the Guidance sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
    const ids = new Set<string>();
    wb.getWorksheet('Guidance')!.eachRow((row) => ids.add(row.getCell(1).text));
    for (const set of RULESETS) for (const r of set.rules) expect(ids).toContain(r.id);
  });

  it('validates with no error or warning once filled in correctly', async () => {
    const result = await validateBuffer(await fillTemplate(await buildTemplate()), { now: NOW });
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
