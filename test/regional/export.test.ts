import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { regionalReturnTables } from '../../src/regional/export-tables.js';
import { unsafeCells } from '../helpers/xlsx-safety.js';
import { buildRegionalReturnWorkbook, readRegionalReturnWorkbook } from '../../src/regional/export.js';
import { mergeReturns } from '../../src/regional/merge.js';
import { input, line, nominal, ret } from './fixtures.js';

const kwame = { surname: 'Mensah', forenames: 'Kwame', dob: '2000-05-06' };

function exportInput(overrides: { conditions?: string | null; surname?: string } = {}) {
  const result = mergeReturns(input([
    ret('MET', '2026-01', [
      line('M-1', {
        investigation: 'ACTIVE_INVESTIGATION', handlingCode: 'C',
        handlingConditions: overrides.conditions === undefined ? 'Not to be disclosed outside law enforcement' : overrides.conditions,
        notes: '=HYPERLINK("http://evil.example","click")',
      }),
    ], [nominal('MN1', 'M-1', { ...kwame, handlingCode: 'C' }), nominal('MN2', 'M-1', { surname: overrides.surname ?? '@SUM(A1)', forenames: '-Bob' })]),
    ret('LEI', '2026-01', [line('L7', { investigation: 'ACTIVE_INVESTIGATION' })], [nominal('LN4', 'L7', kwame)]),
    ret('LEI', '2026-02', [line('L7')], [nominal('LN4', 'L7', kwame)]),
    ret('NTH', '2026-01', [line('X1', { name: 'BUGZY', dealNumbers: ['+447700900333'] })], [nominal('Q', 'X1', { surname: 'Mensa', forenames: 'Kwame' })]),
  ]));
  return { region: 'EAST_MIDLANDS', month: '2026-01', result, missing: ['LIN'], nil: ['DER'], generatedAt: new Date('2026-02-03T04:05:06Z') };
}

describe('regional return workbook', () => {
  it('reads back exactly what was written', async () => {
    const data = exportInput();
    const tables = await readRegionalReturnWorkbook(await buildRegionalReturnWorkbook(data));
    expect(tables).toEqual(regionalReturnTables(data));
    expect(tables.map((t) => t.name)).toEqual(['Return', 'Lines', 'Nominals', 'Deconfliction', 'Missing Returns', 'Review Queue']);
  });

  it('writes only the month asked for, with merged ids, source force and confidence', async () => {
    const data = exportInput();
    const [, lines, nominals, deconfliction, missing] = regionalReturnTables(data);
    expect(lines.rows).toHaveLength(3);
    const col = (t: typeof lines, name: string) => t.header.indexOf(name);
    const mergedLine = lines.rows.map((r) => r[col(lines, 'Merged Line ID')]);
    expect(mergedLine[0]).toBe(mergedLine[1]);
    const person = nominals.rows.find((r) => r[0] === 'LN4')!;
    expect(person[col(nominals, 'Source Force')]).toBe('LEI');
    expect(person[col(nominals, 'Merged Nominal ID')]).toBe(nominals.rows.find((r) => r[0] === 'MN1')![col(nominals, 'Merged Nominal ID')]);
    expect(person[col(nominals, 'Match Confidence')]).toBeGreaterThan(0.9);
    expect(deconfliction.rows.length).toBeGreaterThan(0);
    expect(missing.rows).toEqual([['LIN', 'Lincolnshire', 'MISSING'], ['DER', 'Derbyshire', 'NIL_RETURN']]);
  });

  it('carries handling conditions onto every C row, including nominals inheriting the line code', () => {
    const [, lines, nominals] = regionalReturnTables(exportInput());
    const cond = nominals.header.indexOf('Handling Conditions');
    expect(nominals.rows.find((r) => r[0] === 'MN1')![cond]).toBe('Not to be disclosed outside law enforcement');
    expect(lines.rows.find((r) => r[0] === 'M-1')![lines.header.indexOf('Handling Conditions')]).toBe('Not to be disclosed outside law enforcement');
  });

  it('refuses to write a C row without its conditions', async () => {
    await expect(buildRegionalReturnWorkbook(exportInput({ conditions: null }))).rejects.toMatchObject({ code: 'regional.handling_conditions_missing' });
  });

  it('neutralises formula-like text in every cell', async () => {
    const buf = await buildRegionalReturnWorkbook(exportInput());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const raw: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => raw.push(c.value))));
    const text = raw.filter((v): v is string => typeof v === 'string');
    expect(text).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain("'-Bob");
    expect(await unsafeCells(buf)).toEqual([]);
    // Deal numbers stay readable: a sign followed only by digits can call nothing.
    expect(text).toContain('+447700900001');
  });
});
