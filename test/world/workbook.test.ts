import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ParsedReturn } from '../../src/matrix/model.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { presets } from './index.js';
import { writeReturnWorkbook } from './workbook.js';

// The service's own validator reads the workbooks back: generated returns must
// be accepted (no errors), and what it parses must be what the generator meant.

const world = presets.small(1);
const now = new Date('2026-11-23T12:00:00Z');
const withoutRows = (r: ParsedReturn) => ({
  meta: r.meta,
  lines: r.lines.map(({ row, ...rest }) => rest),
  nominals: r.nominals.map(({ row, ...rest }) => rest),
  addresses: r.addresses.map(({ row, ...rest }) => rest),
  associations: r.associations.map(({ row, ...rest }) => rest),
});

describe('writeReturnWorkbook', () => {
  it('writes plain workbooks the validator accepts and parses back to the same return', async () => {
    for (const ret of world.returns.slice(0, 6)) {
      const result = await validateBuffer(await writeReturnWorkbook(ret), { now });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.parsed).toEqual(ret);
    }
  }, 120_000);

  it('writes messy workbooks of presets.small that validate with zero errors and the same content', async () => {
    let i = 0;
    for (const ret of world.returns) {
      const result = await validateBuffer(await writeReturnWorkbook(ret, { messy: true, seed: i++ }), { now });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(withoutRows(result.parsed!)).toEqual(withoutRows(ret));
    }
  }, 180_000);

  it('makes messy workbooks messy: shuffled layout, text phones, date forms, rich text, hyperlink, formula', async () => {
    const ret = world.returns.reduce((a, b) => (b.nominals.length > a.nominals.length ? b : a));
    const kinds = new Set<string>();
    const sheetOrders = new Set<string>();
    for (let seed = 0; seed < 8; seed++) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await writeReturnWorkbook(ret, { messy: true, seed })) as unknown as ExcelJS.Buffer);
      sheetOrders.add(wb.worksheets.map((w) => w.name.trim().toLowerCase()).join(','));
      for (const ws of wb.worksheets) {
        ws.eachRow((row) => row.eachCell((cell) => {
          const v = cell.value;
          if (v instanceof Date) kinds.add('date');
          else if (typeof v === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(v)) kinds.add('dd/mm/yyyy');
          else if (typeof v === 'string' && /^(07|\+44 7|447)/.test(v)) kinds.add('phone-text');
          else if (v && typeof v === 'object' && 'richText' in v) kinds.add('rich');
          else if (v && typeof v === 'object' && 'hyperlink' in v) kinds.add('hyperlink');
          else if (v && typeof v === 'object' && 'formula' in v) kinds.add('formula');
        }));
      }
    }
    expect(sheetOrders.size).toBeGreaterThan(1);
    for (const k of ['date', 'dd/mm/yyyy', 'phone-text', 'rich', 'hyperlink', 'formula']) expect(kinds).toContain(k);
  }, 60_000);
});
