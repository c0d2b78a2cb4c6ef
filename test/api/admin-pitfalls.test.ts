import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/sql.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// Issue #12, point 6: administration that could lock everyone out or hand a
// token to the wrong person, and months the matrix never had.

describe('administration pitfalls', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const post = (url: string, headers: object, payload?: object) => ctx.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...headers }, payload });

  it('refuses to disable the last enabled administrator, and allows it once there is another', async () => {
    // The test database starts with no administrator, so this one is the only one.
    const admin = await ctx.login('ADMIN');
    const alone = await post(`/admin/users/${admin.userId}/disable`, admin.headers);
    expect(alone.statusCode).toBe(409);
    expect(alone.json().error.code).toBe('users.last_admin');
    expect(alone.json().error.message).toMatch(/last enabled administrator/);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: admin.headers })).statusCode).toBe(200);

    const second = await ctx.login('ADMIN');
    expect((await post(`/admin/users/${admin.userId}/disable`, second.headers)).statusCode).toBe(200);
    const last = await post(`/admin/users/${second.userId}/disable`, second.headers);
    expect(last.statusCode).toBe(409);
  });

  it('leaves an administrator when two disable each other at the same moment', async () => {
    // On PostgreSQL the two requests run on two connections at once; each saw the other still enabled.
    const enabledAdmins = async () => (await queryRows<{ id: string }>(ctx.database, sql`select id from users where role = 'ADMIN' and not disabled`)).map((r) => r.id);
    for (let round = 0; round < 12; round++) {
      const [x, y] = [await ctx.login('ADMIN'), await ctx.login('ADMIN')];
      for (const other of await enabledAdmins()) {
        if (other !== x.userId && other !== y.userId) expect((await post(`/admin/users/${other}/disable`, x.headers)).statusCode).toBe(200);
      }
      const answers = await Promise.all([post(`/admin/users/${y.userId}/disable`, x.headers), post(`/admin/users/${x.userId}/disable`, y.headers)]);
      expect(await enabledAdmins(), `round ${round}: ${answers.map((a) => a.statusCode)}`).toHaveLength(1);
      // The other is refused: 409 last_admin, or 401 when it was disabled before its request was checked.
      expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    }
  });

  it('refuses a user name that looks like a user id', async () => {
    const admin = await ctx.login('ADMIN');
    const victim = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    for (const name of [victim.userId, victim.userId.toUpperCase(), ` ${victim.userId} `]) {
      const res = await post('/admin/users', admin.headers, { name, role: 'FORCE_ANALYST', force: 'NTH' });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.message).toMatch(/must not look like a user id/);
    }
  });

  it("issues a token for the user an id names, never for a user merely named like it", async () => {
    const admin = await ctx.login('ADMIN');
    const victim = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    // A user from before such names were refused, named with the victim's id.
    const impostorId = crypto.randomUUID();
    await ctx.app.services.users.addUser({ name: 'placeholder-impostor', role: 'FORCE_ANALYST', force: 'NTH' });
    await queryRows(ctx.database, sql`update users set name = ${victim.userId}, id = ${impostorId} where name = 'placeholder-impostor' returning id`);
    const res = await post(`/admin/users/${victim.userId}/tokens`, admin.headers);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('users.ambiguous');
    // By its own id the legacy user is unambiguous.
    const own = await post(`/admin/users/${impostorId}/tokens`, admin.headers);
    expect(own.statusCode).toBe(201);
    expect(own.json().user).toBe(victim.userId);
  });

  it('answers a month before 2018-04 with 400 wherever a month is taken', async () => {
    const nclcc = await ctx.login('NCLCC_ANALYST');
    const rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const urls = ['/returns?month=0000-01', '/compliance?month=2018-03', '/controllers?month=0000-01', '/safeguarding?month=1999-12', '/controllers/export.xlsx?month=2017-01'];
    for (const url of urls) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: nclcc.headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(/from 2018-04/);
    }
    const merge = await post('/regions/EAST_MIDLANDS/merges', rocu.headers, { month: '0000-01' });
    expect(merge.statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/compliance?month=2018-04', headers: nclcc.headers })).statusCode).toBe(200);
  });

  it('answers a month after the current one with 400', async () => {
    const nclcc = await ctx.login('NCLCC_ANALYST');
    const rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    for (const url of ['/controllers?month=9999-12', '/safeguarding?month=2199-01&months=3', '/people?scope=NATIONAL&month=9000-01']) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: nclcc.headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(/no later than the current month/);
    }
    expect((await post('/regions/EAST_MIDLANDS/merges', rocu.headers, { month: '9999-12' })).statusCode).toBe(400);
  });
});
