import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runTemplate } from '../../src/cli/commands/template.js';
import { runValidate } from '../../src/cli/commands/validate.js';
import { toXlsx, validReturn } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'clim-matrix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out = { stdout: '', stderr: '' };
  const stream = (key: 'stdout' | 'stderr') => {
    const s = new PassThrough();
    s.on('data', (chunk) => (out[key] += String(chunk)));
    return s;
  };
  return { out, io: { stdout: stream('stdout'), stderr: stream('stderr') } };
}

/** The fixture is for March 2024, and the CLI runs on today's clock, which is later. */
async function writeReturn(name: string, tweak: (fx: ReturnType<typeof validReturn>) => void = () => {}) {
  const fx = validReturn();
  tweak(fx);
  const file = join(dir, name);
  writeFileSync(file, await toXlsx(fx));
  return file;
}

describe('clim validate', () => {
  it('exits 0 for a valid return (warnings allowed) and says so', async () => {
    const file = await writeReturn('valid.xlsx');
    const { out, io } = capture();
    expect(await runValidate([file], io)).toBe(0);
    expect(out.stdout).toContain('VALID: 0 errors');
  });

  it('exits 1 and lists problems grouped by sheet with their cells', async () => {
    const file = await writeReturn('broken.xlsx', (fx) => {
      fx.lines.rows[0]['Deal Numbers'] = '0771 234';
      fx.nominals.rows[0]['Gender'] = 'Q';
    });
    const { out, io } = capture();
    expect(await runValidate([file], io)).toBe(1);
    expect(out.stdout).toMatch(/REJECTED: 2 errors/);
    expect(out.stdout).toMatch(/\nLines\n {2}Lines!C2 +error +V2-LINE-NUMBER +Deal number 0771 234 is not a UK mobile number/);
    expect(out.stdout).toMatch(/\nNominals\n {2}Nominals!H2/);
  });

  it('prints the report as JSON with --json and writes an annotated copy with --annotate', async () => {
    const file = await writeReturn('json.xlsx', (fx) => (fx.lines.rows[0]['Line Status'] = 'OPEN'));
    const annotated = join(dir, 'annotated.xlsx');
    const { out, io } = capture();
    expect(await runValidate([file, '--json', '--annotate', annotated], io)).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ valid: false, guidanceVersion: 2, counts: { errors: 1 } });
    expect(report.problems[0]).toMatchObject({ rule: 'V2-LINE-STATUS', cell: 'Lines!G2' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(annotated) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Validation');
  });

  it('exits 2 for a file that cannot be read, or a missing file, or bad arguments', async () => {
    const csv = join(dir, 'renamed.xlsx');
    writeFileSync(csv, 'Line Ref,Line Name\n');
    const a = capture();
    expect(await runValidate([csv], a.io)).toBe(2);
    expect(a.out.stderr).toMatch(/matrix\.not_xlsx.*CSV/);
    const b = capture();
    expect(await runValidate([join(dir, 'nope.xlsx')], b.io)).toBe(2);
    const c = capture();
    expect(await runValidate(['--bogus'], c.io)).toBe(2);
    expect(c.out.stderr).toContain('usage');
  });
});

describe('clim template', () => {
  it('writes the template', async () => {
    const out = join(dir, 'template.xlsx');
    const { out: text, io } = capture();
    expect(await runTemplate([out], io)).toBe(0);
    expect(text.stdout).toContain(out);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(await runTemplate([], capture().io)).toBe(2);
  });
});
