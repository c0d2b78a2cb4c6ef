import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

describe('authentication, admin routes and the audit log', () => {
  let ctx: TestContext;
  let admin: Awaited<ReturnType<TestContext['login']>>;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await ctx.login('ADMIN');
  });
  afterAll(() => ctx.close());

  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });

  it('refuses a request with no token, naming what to send', async () => {
    const res = await get('/api/v1/returns');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.missing_token');
  });

  it('refuses an unknown token', async () => {
    const res = await get('/api/v1/returns', { authorization: 'Bearer clim_not-a-real-token' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.invalid_token');
  });

  it('refuses an expired token', async () => {
    const later = await createTestContext({ now: () => new Date(Date.now() + 400 * 86_400_000) });
    try {
      const user = await ctx.login('NCLCC_ANALYST');
      // The same token, checked by a service whose clock is past its expiry.
      const lateUser = await later.app.services.users.addUser({ name: 'late-user', role: 'NCLCC_ANALYST' });
      const { token } = await later.app.services.users.issueToken(lateUser.id, { days: 1 });
      expect((await later.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      const expired = await ctx.app.services.users.issueToken(user.userId, { days: 1 });
      const res = await later.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: `Bearer ${expired.token}` } });
      expect(res.statusCode).toBe(401);
    } finally {
      await later.close();
    }
  });

  it('stops a revoked token at once', async () => {
    const user = await ctx.login('NCLCC_ANALYST');
    expect((await get('/api/v1/returns', user.headers)).statusCode).toBe(200);
    const [token] = await ctx.app.services.users.listUsers().then(async () => {
      const issued = await ctx.app.inject({ method: 'POST', url: `/api/v1/admin/users/${user.userId}/tokens`, headers: admin.headers });
      return [issued.json()];
    });
    const revoke = await ctx.app.inject({ method: 'POST', url: `/api/v1/admin/tokens/${token.id}/revoke`, headers: admin.headers });
    expect(revoke.statusCode).toBe(204);
    expect((await get('/api/v1/returns', { authorization: `Bearer ${token.token}` })).statusCode).toBe(401);
  });

  it("stops every token of a disabled user at once", async () => {
    const user = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    expect((await get('/api/v1/returns', user.headers)).statusCode).toBe(200);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/admin/users/${user.userId}/disable`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect((await get('/api/v1/returns', user.headers)).statusCode).toBe(401);
  });

  it('keeps intelligence from the administrator and administration from analysts', async () => {
    const analyst = await ctx.login('NCLCC_ANALYST');
    expect((await get('/api/v1/returns', admin.headers)).json().error.code).toBe('auth.forbidden_role');
    expect((await get('/api/v1/audit', analyst.headers)).statusCode).toBe(403);
  });

  it('creates users with a scope that fits their role', async () => {
    const post = (body: object) => ctx.app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: admin.headers, payload: body });
    expect((await post({ name: 'emsou-1', role: 'ROCU_ANALYST', region: 'east_midlands' })).statusCode).toBe(201);
    expect((await post({ name: 'nowhere', role: 'FORCE_ANALYST', force: 'XXX' })).json().error.code).toBe('users.force_required');
    expect((await post({ name: 'emsou-1', role: 'ROCU_ANALYST', region: 'EAST_MIDLANDS' })).statusCode).toBe(409);
    expect((await post({ name: 'x', role: 'GOD' })).statusCode).toBe(400);
  });

  it('answers malformed JSON with a clear 400 and no internals', async () => {
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/v1/admin/users', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.js|stack|node_modules/);
  });

  it('records who did what in the audit log, newest first', async () => {
    const analyst = await ctx.login('NCLCC_ANALYST');
    await get('/api/v1/compliance?month=2026-01', analyst.headers);
    const res = await get(`/api/v1/audit?user=${analyst.userId}`, admin.headers);
    expect(res.statusCode).toBe(200);
    const [entry] = res.json();
    expect(entry).toMatchObject({ userId: analyst.userId, role: 'NCLCC_ANALYST', action: 'returns.compliance', method: 'GET', status: 200 });
  });

  it("gives every request an id of the service's own, whatever id the client sends", async () => {
    const analyst = await ctx.login('NCLCC_ANALYST');
    const sent = ['fe4ce901-6b3a-4f7e-9c55-0d2f0b0e8a11', 'x'.repeat(7000)];
    for (const id of sent) {
      await ctx.app.inject({ method: 'GET', url: '/api/v1/compliance?month=2026-01', headers: { ...analyst.headers, 'x-request-id': id } });
    }
    const entries = (await get(`/api/v1/audit?user=${analyst.userId}`, admin.headers)).json() as { requestId: string }[];
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entries.map((e) => e.requestId)).not.toContain(sent[0]);
  });

  it('refuses in the database itself to change or delete audit entries', async () => {
    await get('/api/v1/audit', admin.headers);
    await ctx.app.services.audit.drain();
    await expect(ctx.database.db.execute(sql`update audit_log set status = 0`)).rejects.toThrow();
    await expect(ctx.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(ctx.database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });
});
