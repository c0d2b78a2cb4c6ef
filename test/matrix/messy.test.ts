// Real returns are messy but valid: what analysts and spreadsheet programs
// actually put in cells, written through exceljs and read back by the worker.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/matrix/read-workbook.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { buildTemplate } from '../../src/matrix/template.js';
import { NOW, fillTemplate, setMeta, toXlsx, validReturn, type Fixture } from './fixtures.js';
import { unzip, withPart, zip } from './zip-tools.js';

async function validate(tweak: (fx: Fixture) => void) {
  const fx = validReturn();
  tweak(fx);
  return validateBuffer(await toXlsx(fx), { now: NOW });
}

const errorsOf = (r: Awaited<ReturnType<typeof validate>>) => r.problems.filter((p) => p.severity === 'error');

describe('messy but valid returns', () => {
  it('accepts dates as text, real dates and Excel date numbers', async () => {
    const r = await validate((fx) => {
      fx.lines.rows[0]['First Seen'] = '01/11/2023';
      fx.lines.rows[0]['Last Activity'] = '2024-03-20';
      fx.lines.rows[1]['First Seen'] = 45078; // 2023-06-01 in a cell that lost its date format
      setMeta(fx, 'Reporting Month', new Date('2024-03-01T00:00:00Z'));
    });
    expect(errorsOf(r)).toEqual([]);
    expect(r.parsed!.lines.map((l) => l.firstSeen)).toEqual(['2023-11-01', '2023-06-01']);
    expect(r.parsed!.meta.month).toBe('2024-03');
  });

  it('reads numbers stored as text and references stored as numbers', async () => {
    const r = await validate((fx) => {
      fx.lines.rows[0]['Intel Reports'] = '3';
      fx.nominals.rows[3]['Nominal Ref'] = 42;
      fx.addresses!.rows[0]['Occupant Nominal Ref'] = '42';
      fx.associations!.rows[1]['To Nominal Ref'] = 42;
    });
    expect(errorsOf(r)).toEqual([]);
    expect(r.parsed!.nominals[3].ref).toBe('42');
    expect(r.parsed!.lines[0].intelReports).toBe(3);
  });

  it('reads rich text, hyperlinks, shared strings and formulas with saved results', async () => {
    const r = await validate((fx) => {
      fx.lines.rows[0]['Line Name'] = { richText: [{ text: 'J' }, { text: 'AY' }] };
      setMeta(fx, 'Contact Email', { text: 'analyst@leics.police.example', hyperlink: 'mailto:analyst@leics.police.example' });
      fx.lines.rows[0]['Intel Reports'] = { formula: '1+2', result: 3 };
      fx.lines.rows[1]['Line Name'] = 'BUGZY';
      fx.nominals.rows[1]['Surname'] = 'SMITH';
    });
    expect(errorsOf(r)).toEqual([]);
    expect(r.parsed!.lines[0].name).toBe('JAY');
    expect(r.parsed!.meta.contactEmail).toBe('analyst@leics.police.example');
  });

  it('reads a shared formula by its saved result', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(validReturn())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Nominals')!;
    const col = (ws.getRow(1).values as string[]).indexOf('Police Contacts');
    ws.getCell(2, col).value = { formula: '0+1', result: 1, shareType: 'shared', ref: `Q2:Q3` } as ExcelJS.CellValue;
    ws.getCell(3, col).value = { sharedFormula: `Q2`, result: 1 } as ExcelJS.CellValue;
    const raw = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    const cells = raw.sheets.find((s) => s.name === 'Nominals')!.rows[2].cells;
    expect(cells[col - 1]).toEqual({ kind: 'formula', type: 'number', value: 1 });
  });

  it('reports a formula that was never calculated (V2-CELL-FORMULA), and only that', async () => {
    const r = await validate((fx) => (fx.lines.rows[0]['Intel Reports'] = { formula: 'SUM(Z1:Z9)' }));
    expect(errorsOf(r).map((p) => [p.rule, p.cell])).toEqual([['V2-CELL-FORMULA', 'Lines!R2']]);
  });

  it('takes 0, FALSE and the empty string as saved formula results', async () => {
    const r = await validate((fx) => {
      fx.lines.rows[0]['Intel Reports'] = { formula: '-1+1', result: 0 };
      fx.lines.rows[0]['Best Grading'] = null;
      fx.lines.rows[1]['OCG URN'] = { formula: '""', result: '' };
      fx.nominals.rows[0]['Arrested'] = { formula: '1=2', result: false };
    });
    expect(errorsOf(r)).toEqual([]);
    expect(r.parsed!.lines[0].intelReports).toBe(0);
    expect(r.parsed!.lines[1].ocgUrn).toBeNull();
    expect(r.parsed!.nominals[0].arrested).toBe('NO');
  });

  it('still reads the data when a drawing in the workbook cannot be read', async () => {
    // A sheet pointing at a drawing exceljs cannot load (here: the drawing part is missing).
    const parts = unzip(await toXlsx(validReturn()));
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet2.xml')!;
    const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing7.xml"/></Relationships>`;
    const withDrawing = sheet.data.toString('utf8').replace('</worksheet>', '<drawing r:id="rId9"/></worksheet>');
    const buffer = zip(withPart(withPart(parts, sheet.name, withDrawing), 'xl/worksheets/_rels/sheet2.xml.rels', rels));
    const r = await validateBuffer(buffer, { now: NOW });
    expect(r.problems).toEqual([]);
    expect(r.parsed!.lines[0].firstSeen).toBe('2023-11-01');
  });

  it('reads a workbook with notes and threaded comments laid out as Excel 365 saves them', async () => {
    // The template's notes are already in Excel's layout (xl/commentsN.xml + xl/drawings/vmlDrawingN.vml);
    // Excel 365 adds threaded comments and the people who wrote them.
    const parts = unzip(await fillTemplate(await buildTemplate()));
    const rels = parts.find((p) => p.name === 'xl/worksheets/_rels/sheet2.xml.rels')!;
    const threaded = '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/>';
    const workbookRels = parts.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!;
    const person = '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/>';
    let edited = withPart(parts, rels.name, rels.data.toString('utf8').replace('</Relationships>', `${threaded}</Relationships>`));
    edited = withPart(edited, workbookRels.name, workbookRels.data.toString('utf8').replace('</Relationships>', `${person}</Relationships>`));
    edited = withPart(edited, 'xl/threadedComments/threadedComment1.xml', '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="A2" dT="2024-03-01T10:00:00.00" personId="{1}" id="{2}"><text>Checked with the OIC</text></threadedComment></ThreadedComments>');
    edited = withPart(edited, 'xl/persons/person.xml', '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="Analyst" id="{1}"/></personList>');
    const r = await validateBuffer(zip(edited), { now: NOW });
    expect(r.problems.map((p) => p.rule)).toEqual(['V2-FILE-EXTRA-SHEET']);
  });

  it('skips blank rows and ignores extra columns with a warning', async () => {
    const r = await validate((fx) => {
      fx.nominals.rows.splice(2, 0, {}, {});
      fx.lines.headers.splice(3, 0, 'Analyst Comments');
      fx.lines.rows[0]['Analyst Comments'] = 'seen on CCTV';
    });
    expect(errorsOf(r)).toEqual([]);
    expect(r.problems.map((p) => p.rule)).toEqual(['V2-FILE-UNKNOWN-COLUMN']);
    expect(r.parsed!.nominals.map((n) => n.row)).toEqual([2, 3, 6, 7]);
  });

  it('matches header variants, any column order and sheets in any order', async () => {
    const r = await validate((fx) => {
      const rename = (t: Fixture['lines'], from: string, to: string) => {
        t.headers = t.headers.map((h) => (h === from ? to : h));
        for (const row of t.rows) row[to] = row[from];
      };
      rename(fx.lines, 'Line Ref', 'Line Reference');
      rename(fx.lines, 'Deal Numbers', 'Deal Number(s)');
      rename(fx.nominals, 'DOB', 'Date of Birth');
      rename(fx.nominals, 'PNC ID', 'PNC');
      rename(fx.nominals, 'Home Postcode District', 'Postcode District');
      rename(fx.nominals, 'Nominal Ref', 'NOMINAL_REF');
      fx.lines.headers.reverse();
      fx.order = ['associations', 'nominals', 'return', 'addresses', 'lines', 'extra'];
      fx.nominals.name = ' nominals ';
      setMeta(fx, 'Reporting Month', '2024-03');
      fx.meta.reverse();
    });
    expect(r.problems).toEqual([]);
    expect(r.parsed!.nominals[0]).toMatchObject({ dob: '1990-05-01', pncId: '98/1234567L', homePostcodeDistrict: 'SW9' });
  });

  it('refuses a mobile number that lost its leading 0 in a number cell, saying why', async () => {
    const r = await validate((fx) => (fx.lines.rows[0]['Deal Numbers'] = 7700900001));
    expect(errorsOf(r)).toMatchObject([{ rule: 'V2-LINE-NUMBER', cell: 'Lines!C2', value: '7700900001' }]);
    expect(errorsOf(r)[0].message).toMatch(/lost its leading 0.*format the column as Text/);
  });

  it('accepts every spelling of a UK mobile and stores E.164', async () => {
    const r = await validate((fx) => {
      fx.lines.rows[0]['Deal Numbers'] = '07700 900001;\n+44 7700 900011, 447700900021';
      fx.lines.rows[1]['Deal Numbers'] = '0044 (0)7700-900-002';
      fx.nominals.rows[0]['Phone Numbers'] = 447700900101;
    });
    expect(errorsOf(r)).toEqual([]);
    expect(r.parsed!.lines.map((l) => l.dealNumbers)).toEqual([['+447700900001', '+447700900011', '+447700900021'], ['+447700900002']]);
    expect(r.parsed!.nominals[0].phoneNumbers).toEqual(['+447700900101']);
  });

  it('accepts a nil return with an empty Lines sheet', async () => {
    const r = await validate((fx) => {
      setMeta(fx, 'Nil Return', 'YES');
      fx.lines.rows = [];
      fx.nominals.rows = [];
      fx.addresses = null;
      fx.associations = null;
    });
    expect(r.problems).toEqual([]);
    expect(r.parsed!.meta.nilReturn).toBe(true);
  });
});
