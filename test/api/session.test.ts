import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { UserRole } from '../../src/auth/principal.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// Console sign-in (issue #9): a token exchanged for an HttpOnly session cookie,
// CSRF on changes, and the session ending with its token, its user or its clock.

const MINUTE = 60_000;
type Inject = InjectOptions;

describe('console sessions', () => {
  let ctx: TestContext;
  let clock = Date.now();
  let admin: Awaited<ReturnType<TestContext['login']>>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: () => new Date(clock), env: { SESSION_MAX_HOURS: '2' } });
    admin = await ctx.login('ADMIN');
  });
  afterAll(() => ctx.close());

  const inject = (opts: Inject) => ctx.app.inject(opts);
  const signIn = (token: string, extra: Partial<Inject> = {}) => inject({ method: 'POST', url: '/api/v1/session', payload: { token }, ...extra });
  const cookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'clim_session')!;
  /** Signs a new user of the role in; the cookie header and CSRF token to use after. */
  const session = async (role: UserRole = 'NCLCC_ANALYST', scope: { force?: string; region?: string } = {}) => {
    const user = await ctx.login(role, scope);
    const res = await signIn(user.token);
    expect(res.statusCode).toBe(200);
    return { user, cookie: { clim_session: cookieOf(res).value }, csrf: res.json().csrfToken as string };
  };
  const whoAmI = (cookies: Record<string, string>) => inject({ method: 'GET', url: '/api/v1/session', cookies });
  const auditOf = async (action: string) => {
    await ctx.app.services.audit.drain();
    return ctx.app.services.audit.list({ action, limit: 20 });
  };

  it('signs in with a token: an HttpOnly, SameSite=Strict session cookie for the whole site, and the user', async () => {
    const user = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    const res = await signIn(user.token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ id: user.userId, name: expect.any(String), role: 'FORCE_ANALYST', force: 'LEI', region: null });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(new Date(body.expiresAt).getTime()).toBe(clock + 2 * 60 * MINUTE);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/^clim_session=[\w-]{40,};/);
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; SameSite=Strict/);
    expect(raw).toMatch(/; Path=\/(;|$)/);
    expect(raw).toMatch(/; Max-Age=7200/);
    expect(raw).not.toMatch(/Secure/); // plain HTTP, and no proxy is trusted to say otherwise
    // The cookie is a random secret of its own, not the token.
    expect(cookieOf(res).value).not.toContain(user.token);
  });

  it('keeps only a hash of the cookie in the database', async () => {
    const s = await session();
    const rows = await ctx.database.db.query.sessions.findMany();
    expect(rows.some((r) => r.hash === s.cookie.clim_session)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
  });

  it('ignores X-Forwarded-Proto unless TRUST_PROXY is set; with it, an https request gets a Secure cookie', async () => {
    const user = await ctx.login('NCLCC_ANALYST');
    const untrusted = await signIn(user.token, { headers: { 'x-forwarded-proto': 'https' } });
    expect(cookieOf(untrusted).secure).toBeUndefined();
    // A second app on the same database, as deployed behind a TLS-terminating proxy.
    const proxied = await buildApp({ config: { ...ctx.config, TRUST_PROXY: true }, database: ctx.database, now: () => new Date(clock) });
    try {
      const res = await proxied.inject({ method: 'POST', url: '/api/v1/session', payload: { token: user.token }, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.statusCode).toBe(200);
      expect(cookieOf(res)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
    } finally {
      await proxied.close();
    }
  });

  it('answers who is signed in, with the same CSRF token after a reload; 401 without a session', async () => {
    const s = await session('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const res = await whoAmI(s.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: s.user.userId, role: 'ROCU_ANALYST', region: 'EAST_MIDLANDS' }, csrfToken: s.csrf });
    const none = await inject({ method: 'GET', url: '/api/v1/session' });
    expect([none.statusCode, none.json().error.code]).toEqual([401, 'auth.missing_token']);
    const forged = await whoAmI({ clim_session: 'made-up' });
    expect([forged.statusCode, forged.json().error.code]).toEqual([401, 'auth.invalid_session']);
  });

  it('answers GET /session for a bearer token too, with no CSRF token (a token needs none)', async () => {
    const user = await ctx.login('NCLCC_ANALYST');
    const res = await inject({ method: 'GET', url: '/api/v1/session', headers: user.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: user.userId }, csrfToken: null });
  });

  it('lets the cookie read data like a token does', async () => {
    const s = await session();
    expect((await inject({ method: 'GET', url: '/api/v1/returns', cookies: s.cookie })).statusCode).toBe(200);
  });

  it('refuses a change made with the cookie but no CSRF token, and records the refusal', async () => {
    const s = await session('ADMIN');
    const create = (headers: Record<string, string>, name: string) =>
      inject({ method: 'POST', url: '/api/v1/admin/users', cookies: s.cookie, headers, payload: { name, role: 'NCLCC_ANALYST' } });
    const missing = await create({}, 'csrf-victim-1');
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error).toMatchObject({ code: 'auth.csrf', message: expect.stringContaining('x-csrf-token') });
    const other = await session('ADMIN');
    const wrong = await create({ 'x-csrf-token': other.csrf }, 'csrf-victim-2');
    expect(wrong.json().error.code).toBe('auth.csrf');
    const names = (await ctx.app.services.users.listUsers()).map((u) => u.name);
    expect(names).not.toContain('csrf-victim-1');
    expect(names).not.toContain('csrf-victim-2');
    const [entry] = (await auditOf('users.add')).filter((e) => e.userId === s.user.userId);
    expect(entry).toMatchObject({ status: 403, detail: expect.objectContaining({ refused: 'auth.csrf' }) });
  });

  it('accepts a change made with the cookie and its CSRF token', async () => {
    const s = await session('ADMIN');
    const res = await inject({
      method: 'POST', url: '/api/v1/admin/users', cookies: s.cookie, headers: { 'x-csrf-token': s.csrf }, payload: { name: 'made-in-console', role: 'NCLCC_ANALYST' },
    });
    expect(res.statusCode).toBe(201);
    const [entry] = await auditOf('users.add');
    expect(entry).toMatchObject({ userId: s.user.userId, status: 201, detail: expect.objectContaining({ session: expect.any(String) }) });
  });

  it('needs no CSRF token for a change made with a bearer token, even with a cookie alongside', async () => {
    const s = await session('ADMIN');
    const res = await inject({ method: 'POST', url: '/api/v1/admin/users', cookies: s.cookie, headers: admin.headers, payload: { name: 'made-by-script', role: 'NCLCC_ANALYST' } });
    expect(res.statusCode).toBe(201);
  });

  it('signs out: CSRF needed, the cookie cleared, the session gone, both ends audited', async () => {
    const s = await session();
    expect((await inject({ method: 'DELETE', url: '/api/v1/session', cookies: s.cookie })).json().error.code).toBe('auth.csrf');
    const res = await inject({ method: 'DELETE', url: '/api/v1/session', cookies: s.cookie, headers: { 'x-csrf-token': s.csrf } });
    expect(res.statusCode).toBe(204);
    const cleared = cookieOf(res);
    expect(cleared.value).toBe('');
    expect(cleared.expires!.getTime()).toBeLessThan(Date.now());
    expect((await whoAmI(s.cookie)).json().error.code).toBe('auth.invalid_session');
    expect((await auditOf('session.sign_in')).some((e) => e.userId === s.user.userId && e.status === 200)).toBe(true);
    expect((await auditOf('session.sign_out')).some((e) => e.userId === s.user.userId && e.status === 204)).toBe(true);
  });

  it("ends the browser's previous session when it signs in again", async () => {
    const first = await session();
    const again = await signIn(first.user.token, { cookies: first.cookie });
    expect(again.statusCode).toBe(200);
    expect((await whoAmI(first.cookie)).json().error.code).toBe('auth.invalid_session');
    expect((await whoAmI({ clim_session: cookieOf(again).value })).statusCode).toBe(200);
  });

  it('refuses a token that is not valid, and records the attempt', async () => {
    const res = await signIn('clim_not-a-token', { remoteAddress: '10.3.3.3' });
    expect([res.statusCode, res.json().error.code]).toEqual([401, 'auth.invalid_token']);
    expect(res.headers['set-cookie']).toBeUndefined();
    const [entry] = (await auditOf('session.sign_in')).filter((e) => e.ip === '10.3.3.3');
    expect(entry).toMatchObject({ userId: null, status: 401, detail: expect.objectContaining({ refused: 'auth.invalid_token' }) });
  });

  it("ends a disabled user's session at their next request", async () => {
    const s = await session();
    expect((await whoAmI(s.cookie)).statusCode).toBe(200);
    await inject({ method: 'POST', url: `/api/v1/admin/users/${s.user.userId}/disable`, headers: admin.headers });
    const res = await whoAmI(s.cookie);
    expect([res.statusCode, res.json().error.code]).toEqual([401, 'auth.invalid_session']);
    expect(cookieOf(res).value).toBe(''); // told to forget the dead cookie
  });

  it('ends a session when the token it was made from is revoked', async () => {
    const user = await ctx.login('NCLCC_ANALYST');
    const issued = (await inject({ method: 'POST', url: `/api/v1/admin/users/${user.userId}/tokens`, headers: admin.headers })).json();
    const cookie = { clim_session: cookieOf(await signIn(issued.token)).value };
    expect((await whoAmI(cookie)).statusCode).toBe(200);
    await inject({ method: 'POST', url: `/api/v1/admin/tokens/${issued.id}/revoke`, headers: admin.headers });
    expect((await whoAmI(cookie)).json().error.code).toBe('auth.invalid_session');
    // The user's other token and its sessions are untouched.
    expect((await signIn(user.token)).statusCode).toBe(200);
  });

  it('ends a session left idle past SESSION_IDLE_MINUTES; each use moves the idle limit on', async () => {
    const s = await session();
    const start = clock;
    try {
      clock = start + 25 * MINUTE;
      expect((await whoAmI(s.cookie)).statusCode).toBe(200);
      clock = start + 50 * MINUTE; // 50 minutes after sign-in, 25 after the last use
      expect((await whoAmI(s.cookie)).statusCode).toBe(200);
      clock = start + 81 * MINUTE; // 31 minutes idle
      expect((await whoAmI(s.cookie)).json().error.code).toBe('auth.invalid_session');
    } finally {
      clock = start;
    }
  });

  it('ends a session at SESSION_MAX_HOURS however busy it is', async () => {
    const s = await session();
    const start = clock;
    try {
      for (let m = 20; m < 120; m += 20) {
        clock = start + m * MINUTE;
        expect((await whoAmI(s.cookie)).statusCode).toBe(200);
      }
      clock = start + 120 * MINUTE;
      expect((await whoAmI(s.cookie)).json().error.code).toBe('auth.invalid_session');
    } finally {
      clock = start;
    }
  });

  it('ends a session no later than its token: expiresAt is the sooner of the two', async () => {
    const user = await ctx.app.services.users.addUser({ name: 'short-token', role: 'NCLCC_ANALYST' });
    const { token, expiresAt } = await ctx.app.services.users.issueToken(user.id, { days: 1 });
    const s = await signIn(token);
    const start = clock;
    try {
      expect(new Date(s.json().expiresAt).getTime()).toBe(Math.min(expiresAt.getTime(), clock + 2 * 60 * MINUTE));
      clock = expiresAt.getTime() + MINUTE;
      expect((await whoAmI({ clim_session: cookieOf(s).value })).statusCode).toBe(401);
    } finally {
      clock = start;
    }
  });

  it('rejects a sign-in body that is not a token with a 400 that says so', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/session', payload: { tokn: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/token/);
  });
});

describe('bad tokens from an address do not lock out good ones (issue #12.3)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('still refuses guesses past 30 a minute from one address, but serves a valid token and session from there', async () => {
    const user = await ctx.login('NCLCC_ANALYST');
    const signedIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: user.token }, remoteAddress: '10.6.6.6' });
    const cookies = { clim_session: signedIn.cookies.find((c) => c.name === 'clim_session')!.value };
    const from = (opts: Inject) => ctx.app.inject({ remoteAddress: '10.6.6.6', ...opts });
    for (let i = 0; i < 31; i++) await from({ method: 'GET', url: '/api/v1/returns', headers: { authorization: `Bearer clim_guess_${i}` } });
    const guess = await from({ method: 'GET', url: '/api/v1/returns', headers: { authorization: 'Bearer clim_guess_again' } });
    expect([guess.statusCode, guess.json().error.code]).toEqual([429, 'auth.too_many_failures']);
    const badSignIn = await from({ method: 'POST', url: '/api/v1/session', payload: { token: 'clim_guess_sign_in' } });
    expect(badSignIn.statusCode).toBe(429);

    expect((await from({ method: 'GET', url: '/api/v1/returns', headers: user.headers })).statusCode).toBe(200);
    expect((await from({ method: 'GET', url: '/api/v1/returns', cookies })).statusCode).toBe(200);
    expect((await from({ method: 'POST', url: '/api/v1/session', payload: { token: user.token } })).statusCode).toBe(200);
  });
});

describe('session and proxy settings', () => {
  it('reads SESSION_IDLE_MINUTES, SESSION_MAX_HOURS and TRUST_PROXY, off and 30/12 by default', () => {
    expect(loadConfig({})).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 12, TRUST_PROXY: false });
    expect(loadConfig({ SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '1', TRUST_PROXY: 'true' })).toMatchObject({ SESSION_IDLE_MINUTES: 5, SESSION_MAX_HOURS: 1, TRUST_PROXY: true });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(loadConfig({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
  });

  it('refuses a session limit that is not a positive whole number, naming the variable', () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_MAX_HOURS: 'twelve' })).toThrow(/SESSION_MAX_HOURS/);
  });
});
