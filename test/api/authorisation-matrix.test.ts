import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../src/auth/principal.js';
import { NOW } from '../matrix/fixtures.js';
import { workbookFor } from '../helpers/fixture-returns.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { multipartBody, upload } from '../helpers/upload.js';

// Every route × every role × data in and out of the caller's scope, with the
// exact status expected. The route list is read from the app itself: a new
// route without a row here fails this test (and one without a policy fails to
// start at all).

type Who = UserRole | 'ANONYMOUS';
type Req = { method: string; url: string; payload?: unknown; headers?: Record<string, string> };
type Expect = Record<UserRole, [inScope: number, outOfScope: number]>;
interface Case {
  in: () => Promise<Req> | Req;
  out: () => Promise<Req> | Req;
  expect: Expect;
  /** Without credentials, `in` answers 401 unless said otherwise. */
  anonymous?: number;
}

const ADMIN_ONLY = (ok: number): Expect => ({ FORCE_ANALYST: [403, 403], ROCU_ANALYST: [403, 403], NCLCC_ANALYST: [403, 403], ADMIN: [ok, ok] });
const FORCE_DATA: Expect = { FORCE_ANALYST: [200, 403], ROCU_ANALYST: [200, 403], NCLCC_ANALYST: [200, 200], ADMIN: [403, 403] };
const REGION_DATA = (ok: number): Expect => ({ FORCE_ANALYST: [403, 403], ROCU_ANALYST: [ok, 403], NCLCC_ANALYST: [ok, ok], ADMIN: [403, 403] });
const PERSON_DATA: Expect = { FORCE_ANALYST: [200, 404], ROCU_ANALYST: [200, 404], NCLCC_ANALYST: [200, 200], ADMIN: [403, 403] };
const ANY_ANALYST: Expect = { FORCE_ANALYST: [200, 200], ROCU_ANALYST: [200, 200], NCLCC_ANALYST: [200, 200], ADMIN: [403, 403] };
const ANYONE_SIGNED_IN = (ok: number): Expect => ({ FORCE_ANALYST: [ok, ok], ROCU_ANALYST: [ok, ok], NCLCC_ANALYST: [ok, ok], ADMIN: [ok, ok] });

// The console's pages and files (no data in them; the API they call is guarded).
const PUBLIC = ['GET /healthz', 'GET /readyz', 'GET /openapi.json', 'GET /', 'GET /*'];
const M = '2024-03';

describe('authorisation matrix', () => {
  let ctx: TestContext;
  const tokens = {} as Record<UserRole, Record<string, string>>;
  const f = {} as { emJob: string; eaJob: string; leiReturn: string; kntReturn: string; emMerge: string; eaMerge: string; leiPerson: string; kntPerson: string; leiLine: string; kntLine: string };
  let seq = 0;

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    const lei = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    const knt = await ctx.login('FORCE_ANALYST', { force: 'KNT' });
    const emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const nclcc = await ctx.login('NCLCC_ANALYST');
    tokens.FORCE_ANALYST = lei.headers;
    tokens.ROCU_ANALYST = emsou.headers;
    tokens.NCLCC_ANALYST = nclcc.headers;
    tokens.ADMIN = (await ctx.login('ADMIN')).headers;
    f.leiReturn = (await upload(ctx.app, lei.headers, await workbookFor('LEI'))).json().id;
    f.kntReturn = (await upload(ctx.app, knt.headers, await workbookFor('KNT'))).json().id;
    const merge = async (region: string) =>
      (await ctx.app.inject({ method: 'POST', url: `/api/v1/regions/${region}/merges`, headers: nclcc.headers, payload: { month: M } })).json().id;
    const job = async (region: string) => {
      const id = (await ctx.app.inject({ method: 'POST', url: `/api/v1/regions/${region}/merges`, headers: { ...nclcc.headers, prefer: 'respond-async' }, payload: { month: M } })).json().id;
      await ctx.app.services.jobs.get(id).done;
      return id;
    };
    f.emJob = await job('EAST_MIDLANDS');
    f.eaJob = await job('EASTERN');
    f.emMerge = await merge('EAST_MIDLANDS');
    f.eaMerge = await merge('EASTERN');
    const first = async (region: string, id: string, what: 'people' | 'lines') =>
      (await ctx.app.inject({ method: 'GET', url: `/api/v1/regions/${region}/merges/${id}/${what}`, headers: nclcc.headers })).json()[what][0].id;
    f.leiPerson = await first('EAST_MIDLANDS', f.emMerge, 'people');
    f.kntPerson = await first('EASTERN', f.eaMerge, 'people');
    f.leiLine = await first('EAST_MIDLANDS', f.emMerge, 'lines');
    f.kntLine = await first('EASTERN', f.eaMerge, 'lines');
  });
  afterAll(() => ctx.close());

  const get = (url: string): Req => ({ method: 'GET', url });
  const returnsUpload = async (force: string): Promise<Req> => {
    const body = multipartBody(await workbookFor(force));
    return { method: 'POST', url: '/api/v1/returns', payload: body.payload, headers: { 'content-type': body.contentType } };
  };
  const newUser = (): Req => ({ method: 'POST', url: '/api/v1/admin/users', payload: { name: `matrix-${++seq}`, role: 'NCLCC_ANALYST' } });
  const throwaway = async () => (await ctx.app.services.users.addUser({ name: `victim-${++seq}`, role: 'NCLCC_ANALYST' })).id;
  const liveToken = async () => (await ctx.app.services.users.issueToken(await throwaway())).id;
  const merges = (region: string, id: string, tail = '') => get(`/api/v1/regions/${region}/merges/${id}${tail}`);
  const win = `month=${M}&months=1`;

  const cases: Record<string, Case> = {
    // Sign-in is by the token in the body, whoever asks: a throwaway user's live token in, a made-up one out.
    'POST /api/v1/session': {
      in: async () => ({ method: 'POST', url: '/api/v1/session', payload: { token: (await ctx.app.services.users.issueToken(await throwaway())).token } }),
      out: () => ({ method: 'POST', url: '/api/v1/session', payload: { token: 'clim_made-up' } }),
      expect: { FORCE_ANALYST: [200, 401], ROCU_ANALYST: [200, 401], NCLCC_ANALYST: [200, 401], ADMIN: [200, 401] },
      anonymous: 200,
    },
    'GET /api/v1/session': { in: () => get('/api/v1/session'), out: () => get('/api/v1/session'), expect: ANYONE_SIGNED_IN(200) },
    // With a bearer token there is no session to end: nothing happens, and that is not an error.
    'DELETE /api/v1/session': {
      in: () => ({ method: 'DELETE', url: '/api/v1/session' }),
      out: () => ({ method: 'DELETE', url: '/api/v1/session' }),
      expect: ANYONE_SIGNED_IN(204),
    },
    'GET /api/v1/admin/users': { in: () => get('/api/v1/admin/users'), out: () => get('/api/v1/admin/users'), expect: ADMIN_ONLY(200) },
    'POST /api/v1/admin/users': { in: newUser, out: newUser, expect: ADMIN_ONLY(201) },
    'POST /api/v1/admin/users/:id/disable': {
      in: async () => ({ method: 'POST', url: `/api/v1/admin/users/${await throwaway()}/disable` }),
      out: async () => ({ method: 'POST', url: `/api/v1/admin/users/${await throwaway()}/disable` }),
      expect: ADMIN_ONLY(200),
    },
    'POST /api/v1/admin/users/:id/tokens': {
      in: async () => ({ method: 'POST', url: `/api/v1/admin/users/${await throwaway()}/tokens` }),
      out: async () => ({ method: 'POST', url: `/api/v1/admin/users/${await throwaway()}/tokens` }),
      expect: ADMIN_ONLY(201),
    },
    'GET /api/v1/admin/users/:id/tokens': {
      in: async () => get(`/api/v1/admin/users/${await throwaway()}/tokens`),
      out: async () => get(`/api/v1/admin/users/${await throwaway()}/tokens`),
      expect: ADMIN_ONLY(200),
    },
    'POST /api/v1/admin/tokens/:id/revoke': {
      in: async () => ({ method: 'POST', url: `/api/v1/admin/tokens/${await liveToken()}/revoke` }),
      out: async () => ({ method: 'POST', url: `/api/v1/admin/tokens/${await liveToken()}/revoke` }),
      expect: ADMIN_ONLY(204),
    },
    'GET /api/v1/audit': { in: () => get('/api/v1/audit?limit=5'), out: () => get('/api/v1/audit?limit=5'), expect: ADMIN_ONLY(200) },

    'GET /api/v1/template.xlsx': { in: () => get('/api/v1/template.xlsx'), out: () => get('/api/v1/template.xlsx'), expect: ANY_ANALYST },
    'POST /api/v1/returns': {
      in: () => returnsUpload('LEI'),
      out: () => returnsUpload('KNT'),
      expect: { FORCE_ANALYST: [201, 403], ROCU_ANALYST: [403, 403], NCLCC_ANALYST: [403, 403], ADMIN: [403, 403] },
    },
    'GET /api/v1/returns': { in: () => get('/api/v1/returns?force=LEI'), out: () => get('/api/v1/returns?force=KNT'), expect: FORCE_DATA },
    'GET /api/v1/returns/:id': { in: () => get(`/api/v1/returns/${f.leiReturn}`), out: () => get(`/api/v1/returns/${f.kntReturn}`), expect: FORCE_DATA },
    'GET /api/v1/returns/:id/report.xlsx': {
      in: () => get(`/api/v1/returns/${f.leiReturn}/report.xlsx`),
      out: () => get(`/api/v1/returns/${f.kntReturn}/report.xlsx`),
      expect: FORCE_DATA,
    },
    'GET /api/v1/returns/:id/original': {
      in: () => get(`/api/v1/returns/${f.leiReturn}/original`),
      out: () => get(`/api/v1/returns/${f.kntReturn}/original`),
      expect: FORCE_DATA,
    },
    'GET /api/v1/compliance': { in: () => get(`/api/v1/compliance?month=${M}`), out: () => get(`/api/v1/compliance?month=${M}`), expect: ANY_ANALYST },

    'POST /api/v1/regions/:region/merges': {
      in: () => ({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', payload: { month: M } }),
      out: () => ({ method: 'POST', url: '/api/v1/regions/EASTERN/merges', payload: { month: M } }),
      expect: REGION_DATA(201),
    },
    'GET /api/v1/regions/:region/merges': { in: () => get('/api/v1/regions/EAST_MIDLANDS/merges'), out: () => get('/api/v1/regions/EASTERN/merges'), expect: REGION_DATA(200) },
    'GET /api/v1/regions/:region/merges/:id': { in: () => merges('EAST_MIDLANDS', f.emMerge), out: () => merges('EASTERN', f.eaMerge), expect: REGION_DATA(200) },
    'GET /api/v1/regions/:region/merges/:id/people': {
      in: () => merges('EAST_MIDLANDS', f.emMerge, '/people'),
      out: () => merges('EASTERN', f.eaMerge, '/people'),
      expect: REGION_DATA(200),
    },
    'GET /api/v1/regions/:region/merges/:id/lines': {
      in: () => merges('EAST_MIDLANDS', f.emMerge, '/lines'),
      out: () => merges('EASTERN', f.eaMerge, '/lines'),
      expect: REGION_DATA(200),
    },
    'GET /api/v1/regions/:region/merges/:id/alerts': {
      in: () => merges('EAST_MIDLANDS', f.emMerge, '/alerts'),
      out: () => merges('EASTERN', f.eaMerge, '/alerts'),
      expect: REGION_DATA(200),
    },
    'GET /api/v1/regions/:region/merges/:id/export.xlsx': {
      in: () => merges('EAST_MIDLANDS', f.emMerge, '/export.xlsx'),
      out: () => merges('EASTERN', f.eaMerge, '/export.xlsx'),
      expect: REGION_DATA(200),
    },
    'GET /api/v1/regions/:region/review': { in: () => get('/api/v1/regions/EAST_MIDLANDS/review'), out: () => get('/api/v1/regions/EASTERN/review'), expect: REGION_DATA(200) },
    // No pair is queued in this small world: in scope the answer is "not in the queue".
    'POST /api/v1/regions/:region/review/:id': {
      in: () => ({ method: 'POST', url: `/api/v1/regions/EAST_MIDLANDS/review/${encodeURIComponent('person:LEI|LEI-N001||NTH|N-1')}`, payload: { decision: 'same' } }),
      out: () => ({ method: 'POST', url: `/api/v1/regions/EASTERN/review/${encodeURIComponent('person:KNT|LEI-N001||ESX|N-1')}`, payload: { decision: 'same' } }),
      expect: REGION_DATA(404),
    },
    'POST /api/v1/regions/:region/enrichments': {
      in: () => ({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/enrichments', payload: { kind: 'note', personId: f.leiPerson, text: 'seen with a new line' } }),
      out: () => ({ method: 'POST', url: '/api/v1/regions/EASTERN/enrichments', payload: { kind: 'note', personId: f.kntPerson, text: 'seen with a new line' } }),
      expect: REGION_DATA(201),
    },

    'GET /api/v1/jobs/:id': { in: () => get(`/api/v1/jobs/${f.emJob}`), out: () => get(`/api/v1/jobs/${f.eaJob}`), expect: REGION_DATA(200) },

    'GET /api/v1/controllers': { in: () => get(`/api/v1/controllers?scope=LEI&${win}`), out: () => get(`/api/v1/controllers?scope=KNT&${win}`), expect: FORCE_DATA },
    'GET /api/v1/controllers/export.xlsx': {
      in: () => get(`/api/v1/controllers/export.xlsx?scope=LEI&${win}`),
      out: () => get(`/api/v1/controllers/export.xlsx?scope=KNT&${win}`),
      expect: FORCE_DATA,
    },
    'GET /api/v1/worklists/direction': {
      in: () => get(`/api/v1/worklists/direction?scope=LEI&${win}`),
      out: () => get(`/api/v1/worklists/direction?scope=KNT&${win}`),
      expect: FORCE_DATA,
    },
    'GET /api/v1/safeguarding': { in: () => get(`/api/v1/safeguarding?scope=LEI&${win}`), out: () => get(`/api/v1/safeguarding?scope=KNT&${win}`), expect: FORCE_DATA },
    'GET /api/v1/people': { in: () => get(`/api/v1/people?scope=LEI&${win}`), out: () => get(`/api/v1/people?scope=KNT&${win}`), expect: FORCE_DATA },
    'GET /api/v1/people/:id': { in: () => get(`/api/v1/people/${f.leiPerson}?${win}`), out: () => get(`/api/v1/people/${f.kntPerson}?${win}`), expect: PERSON_DATA },
    'GET /api/v1/lines/:id': { in: () => get(`/api/v1/lines/${f.leiLine}?${win}`), out: () => get(`/api/v1/lines/${f.kntLine}?${win}`), expect: PERSON_DATA },
    'GET /api/v1/network/:personId': {
      in: () => get(`/api/v1/network/${f.leiPerson}?${win}&format=graphml`),
      out: () => get(`/api/v1/network/${f.kntPerson}?${win}&format=graphml`),
      expect: PERSON_DATA,
    },
  };

  const send = async (who: Who, build: () => Promise<Req> | Req): Promise<LightMyRequestResponse> => {
    const req = await build();
    const auth = who === 'ANONYMOUS' ? {} : tokens[who];
    return ctx.app.inject({ method: req.method as 'GET', url: req.url, payload: req.payload as string, headers: { ...req.headers, ...auth } });
  };

  it('has a declared case for every route the app serves, and no case for a route that is gone', () => {
    const served = ctx.app.routeTable.map((r) => `${r.method} ${r.url}`);
    const guarded = served.filter((r) => !PUBLIC.includes(r));
    expect(new Set(guarded)).toEqual(new Set(Object.keys(cases)));
    expect(served.filter((r) => PUBLIC.includes(r)).sort()).toEqual([...PUBLIC].sort());
  });

  const roles: UserRole[] = ['FORCE_ANALYST', 'ROCU_ANALYST', 'NCLCC_ANALYST', 'ADMIN'];
  it.each(Object.keys(cases))('%s answers each role with exactly the expected status', async (route) => {
    const c = cases[route];
    const got: Record<string, [number, number]> = {};
    for (const role of roles) got[role] = [(await send(role, c.in)).statusCode, (await send(role, c.out)).statusCode];
    expect(got).toEqual(c.expect);
    expect((await send('ANONYMOUS', c.in)).statusCode).toBe(c.anonymous ?? 401);
  });
});
