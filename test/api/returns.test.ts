import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, setMeta, toXlsx, validReturn, type Fixture } from '../matrix/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { countRows, countSheetRows } from '../helpers/sql.js';
import { upload } from '../helpers/upload.js';

type Login = Awaited<ReturnType<TestContext['login']>>;

const withLineCell = (fx: Fixture, header: string, value: string) => {
  fx.lines.rows[0][header] = value;
  return fx;
};

describe('the force analyst uploads a month, fixes it, resubmits', () => {
  let ctx: TestContext;
  let lei: Login;
  let knt: Login;
  let emsou: Login;
  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    lei = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    knt = await ctx.login('FORCE_ANALYST', { force: 'KNT' });
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
  });
  afterAll(() => ctx.close());

  const get = (url: string, who: Login) => ctx.app.inject({ method: 'GET', url, headers: who.headers });
  const count = (table: string) => countRows(ctx.database, table);

  it('downloads a template that validates once filled in', async () => {
    const res = await get('/api/v1/template.xlsx', lei);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Return', 'Lines', 'Nominals', 'Addresses', 'Associations', 'Guidance']));
  });

  it('rejects a return with errors, reporting every problem by cell, and takes nothing in', async () => {
    const fx = withLineCell(validReturn(), 'Deal Numbers', '0771 234');
    fx.nominals.rows[0]['Police Contacts'] = 'many';
    const before = await countSheetRows(ctx.database, 'nominals');
    const res = await upload(ctx.app, lei.headers, await toXlsx(fx));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('returns.rejected');
    const cells = body.problems.filter((p: { severity: string }) => p.severity === 'error').map((p: { cell: string; rule: string }) => `${p.rule}@${p.cell}`);
    expect(cells).toEqual(expect.arrayContaining([expect.stringMatching(/^V2-LINE-NUMBER@Lines!C2$/), expect.stringMatching(/^V2-NOM-CONTACTS@Nominals!Q2$/)]));
    expect(body.return.status).toBe('REJECTED');
    expect(await countSheetRows(ctx.database, 'nominals')).toBe(before);
  });

  let firstId = '';
  it('accepts a valid return as version 1 with its warnings', async () => {
    const res = await upload(ctx.app, lei.headers, await toXlsx(validReturn()), 'march.xlsx');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ force: 'LEI', month: '2024-03', version: 1, status: 'ACCEPTED', counts: { lines: 2, nominals: 4 } });
    firstId = body.id;
  });

  it('keeps the earlier accepted version current when a resubmission is rejected', async () => {
    const bad = withLineCell(validReturn(), 'Line Status', 'SOMETIMES');
    expect((await upload(ctx.app, lei.headers, await toXlsx(bad))).statusCode).toBe(422);
    const compliance = (await get('/api/v1/compliance?month=2024-03', lei)).json();
    expect(compliance).toEqual([expect.objectContaining({ force: 'LEI', status: 'ACCEPTED', returnId: firstId, version: 1 })]);
  });

  it('makes a resubmission version 2, superseding version 1, and keeps both in the history', async () => {
    const fx = validReturn();
    fx.lines.rows[0]['Notes'] = 'resubmitted with corrections';
    const res = await upload(ctx.app, lei.headers, await toXlsx(fx));
    expect(res.json().version).toBe(2);
    const history = (await get('/api/v1/returns?force=LEI&month=2024-03', lei)).json();
    expect(history.map((h: { status: string; version: number | null; current: boolean }) => `${h.status}:${h.version}:${h.current}`).sort()).toEqual(
      ['ACCEPTED:1:false', 'ACCEPTED:2:true', 'REJECTED:null:false', 'REJECTED:null:false'].sort(),
    );
    expect((await get(`/api/v1/returns/${firstId}`, lei)).json().current).toBe(false);
    const compliance = (await get('/api/v1/compliance?month=2024-03', emsou)).json();
    expect(compliance.find((c: { force: string }) => c.force === 'LEI')).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(compliance.find((c: { force: string }) => c.force === 'NTH')).toMatchObject({ status: 'MISSING' });
  });

  it('gives back the report, the annotated workbook and the original file', async () => {
    const report = (await get(`/api/v1/returns/${firstId}`, lei)).json();
    expect(report.problems.every((p: { severity: string }) => p.severity !== 'error')).toBe(true);
    const annotated = await get(`/api/v1/returns/${firstId}/report.xlsx`, lei);
    expect(annotated.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Validation');
    const original = await get(`/api/v1/returns/${firstId}/original`, lei);
    expect(original.statusCode).toBe(200);
    expect(createHash('sha256').update(original.rawPayload).digest('hex')).toBe(report.sha256);
  });

  it('refuses a return for another force and keeps another force from reading it', async () => {
    const fx = validReturn();
    setMeta(fx, 'Force', 'KNT');
    const res = await upload(ctx.app, lei.headers, await toXlsx(fx));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('returns.wrong_force');
    expect((await get(`/api/v1/returns/${firstId}`, knt)).statusCode).toBe(403);
    expect((await get('/api/v1/returns?force=LEI', knt)).statusCode).toBe(403);
    expect((await get('/api/v1/returns', knt)).json()).toEqual([]);
  });

  it('refuses files that are not workbooks with a clear 4xx', async () => {
    const csv = await upload(ctx.app, lei.headers, Buffer.from('Line Ref,Line Name\nL1,JAY\n'), 'return.xlsx');
    expect(csv.statusCode).toBe(422);
    expect(csv.json().error.code).toBe('matrix.not_xlsx');
    const huge = await upload(ctx.app, lei.headers, Buffer.alloc(21 * 1024 * 1024, 1));
    expect(huge.statusCode).toBe(413);
    const noFile = await ctx.app.inject({ method: 'POST', url: '/api/v1/returns', headers: { ...lei.headers, 'content-type': 'application/json' }, payload: '{}' });
    expect(noFile.statusCode).toBe(415);
  });

  it('leaves no trace when the database fails halfway through storing a return', async () => {
    const { db } = ctx.database;
    const returnsBefore = await count('returns');
    const rowsBefore = await countSheetRows(ctx.database, 'nominals');
    await db.execute(sql.raw(`
      create function fail_nominals() returns trigger language plpgsql as $$
      begin raise exception 'disk full (simulated)'; end $$`));
    // After the return's row and its Lines sheet are written.
    await db.execute(sql.raw(`create trigger fail_nominals before insert on return_sheets for each row when (new.sheet = 'nominals') execute function fail_nominals()`));
    try {
      const res = await upload(ctx.app, lei.headers, await toXlsx(validReturn()));
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal');
      expect(res.body).not.toMatch(/disk full|return_sheets|insert/);
    } finally {
      await db.execute(sql.raw('drop trigger fail_nominals on return_sheets'));
      await db.execute(sql.raw('drop function fail_nominals()'));
    }
    expect(await count('returns')).toBe(returnsBefore);
    expect(await countSheetRows(ctx.database, 'nominals')).toBe(rowsBefore);
  });

  it('turns two uploads at the same moment into two clean versions', async () => {
    const file = await toXlsx(validReturn());
    const before = (await get('/api/v1/returns?force=LEI&month=2024-03', lei)).json().filter((r: { status: string }) => r.status === 'ACCEPTED').length;
    const [a, b] = await Promise.all([upload(ctx.app, lei.headers, file), upload(ctx.app, lei.headers, file)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.json().version, b.json().version].sort()).toEqual([before + 1, before + 2]);
    for (const id of [a.json().id, b.json().id]) {
      expect(await countSheetRows(ctx.database, 'nominals', sql`return_id = ${id}`)).toBe(4);
    }
  });
});
