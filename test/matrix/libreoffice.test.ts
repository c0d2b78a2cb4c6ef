// Workbooks saved by another spreadsheet program: exceljs output round-tripped
// through LibreOffice Calc must still validate. Needs `soffice` on PATH; in CI:
//   apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../../src/matrix/annotate.js';
import { buildTemplate } from '../../src/matrix/template.js';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, fillTemplate, toXlsx, validReturn } from './fixtures.js';

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAS_SOFFICE = onPath('soffice');
const dir = mkdtempSync(join(tmpdir(), 'clim-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Opens the workbook in LibreOffice Calc and saves it again as .xlsx. */
function throughLibreOffice(name: string, buffer: Buffer): Buffer {
  const input = join(dir, name);
  writeFileSync(input, buffer);
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), input],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return readFileSync(join(dir, 'out', basename(input)));
}

describe.skipIf(!HAS_SOFFICE)('workbooks saved by LibreOffice Calc (skipped: soffice is not on PATH)', () => {
  it('validates a return saved by LibreOffice exactly as the original', async () => {
    const fx = validReturn();
    fx.lines.rows[0]['Intel Reports'] = { formula: '1+2', result: 3 };
    // LibreOffice recalculates and saves results the way Excel does: <v>0</v>, t="str" with an empty <v>.
    fx.nominals.rows[1]['Police Contacts'] = { formula: '-1+1', result: 0 };
    fx.lines.rows[1]['OCG URN'] = { formula: 'IF(1>2,"x","")', result: '' };
    const original = await validateBuffer(await toXlsx(fx), { now: NOW });
    const saved = await validateBuffer(throughLibreOffice('return.xlsx', await toXlsx(fx)), { now: NOW });
    expect(saved.problems).toEqual([]);
    expect(saved.parsed).toEqual(original.parsed);
  });

  it('keeps the template working after LibreOffice saves it: its sheets, its report, a valid return typed in, lists typed by hand', async () => {
    const template = await buildTemplate();
    const saved = throughLibreOffice('template.xlsx', template);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(saved as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Return', 'Lines', 'Nominals', 'Addresses', 'Associations', 'Guidance']);
    expect((await validateBuffer(saved, { now: NOW })).problems).toEqual((await validateBuffer(template, { now: NOW })).problems);
    // LibreOffice writes the suggest-only drop-downs back as suggest-only.
    const lines = wb.getWorksheet('Lines')!;
    const drugs = lines.getCell(2, (lines.getRow(1).values as string[]).indexOf('Drug Types')).dataValidation;
    expect(drugs).toMatchObject({ type: 'list', prompt: expect.stringContaining('separated by ;') });
    expect(drugs.showErrorMessage).toBeFalsy();
    const filled = await validateBuffer(await fillTemplate(saved), { now: NOW });
    expect(filled.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(filled.parsed!.lines[0].drugTypes).toEqual(['HEROIN', 'CRACK']);
  });

  it('produces annotated workbooks LibreOffice can open', async () => {
    const fx = validReturn();
    fx.lines.rows[0]['Deal Numbers'] = '0771 234';
    const original = await toXlsx(fx);
    const { problems } = await validateBuffer(original, { now: NOW });
    const saved = throughLibreOffice('annotated.xlsx', await annotateWorkbook(original, problems));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(saved as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Validation');
    expect(wb.getWorksheet('Lines')!.getCell('C2').text).toBe('0771 234');
  });
});
