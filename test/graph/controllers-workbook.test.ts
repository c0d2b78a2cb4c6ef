import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { buildControllersWorkbook } from '../../src/graph/controllers-workbook.js';
import { rankControllers } from '../../src/graph/rank.js';
import { safeguardingList } from '../../src/graph/safeguarding.js';
import { toyNetwork } from './fixtures.js';

describe('buildControllersWorkbook', () => {
  it('writes ranked controllers and safeguarding rows, formulas neutralised, handling conditions carried', async () => {
    const data = toyNetwork();
    data.people = data.people.map((p) =>
      p.id === 'C1' ? { ...p, names: ['=HYPERLINK("http://x","click")'], handlingConditions: ['No onward sharing without MET approval'] } : p,
    );
    const g = buildGraph(data);
    const ranked = rankControllers(g);
    const buf = await buildControllersWorkbook(ranked, safeguardingList(g, { ranked }), {
      title: 'East Midlands briefing',
      period: '2026-01 to 2026-03',
      generatedAt: new Date('2026-04-01T00:00:00Z'),
      workedOutAt: new Date('2026-03-31T23:00:00Z'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const c = wb.getWorksheet('Controllers')!;
    expect(c.getRow(1).getCell(1).value).toBe('Rank');
    expect(c.rowCount).toBe(ranked.length + 1);
    const head = (c.getRow(1).values as string[]).map(String);
    const col = (row: ExcelJS.Row, header: string) => row.getCell(head.indexOf(header)).value;
    const c1 = c.getRows(2, ranked.length)!.find((r) => col(r, 'Person ID') === 'C1')!;
    expect(col(c1, 'Names')).toBe(`'=HYPERLINK("http://x","click")`);
    expect(col(c1, 'Handling conditions')).toBe('No onward sharing without MET approval');
    expect(String(col(c1, 'Top factors'))).toMatch(/\d\.\d\d/);
    // The leading factors in words, as the API gives them.
    const c1Ranked = ranked.find((r) => r.personId === 'C1')!;
    expect(col(c1, 'Why, in words')).toBe(c1Ranked.factors.filter((f) => f.contribution > 0).slice(0, 3).map((f) => f.text).join('; '));
    // A child kept in the list (include=victims) shows no controller rank and is flagged.
    const child = ranked.find((r) => r.flags.child)!;
    const childRow = c.getRows(2, ranked.length)!.find((r) => col(r, 'Person ID') === child.personId)!;
    expect([col(childRow, 'Rank'), col(childRow, 'Child')]).toEqual(['', 'YES']);
    // When it was downloaded, and when the data behind it was worked out.
    const about = new Map(wb.getWorksheet('About')!.getRows(1, 4)!.map((r) => [r.getCell(1).value, String(r.getCell(2).value)]));
    expect(about.get('Generated')).toBe('2026-04-01T00:00:00.000Z');
    expect(about.get('Data as of')).toMatch(/^2026-03-31T23:00:00.000Z /);
    const s = wb.getWorksheet('Safeguarding')!;
    expect(s.getRow(2).getCell(1).value).toBe('CHILD');
    expect(s.getRow(2).getCell(2).value).toBe('R1');
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value).toBe(false);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@]/);
        }),
      );
    }
  });
});
