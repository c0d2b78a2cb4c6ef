import { sql } from 'drizzle-orm';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/api/app.js';
import { closeGracefully } from '../../src/api/shutdown.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { NOW, toXlsx, validReturn } from '../matrix/fixtures.js';
import { countRows } from '../helpers/sql.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { multipartBody, upload } from '../helpers/upload.js';

let ctx: TestContext;
let lei: Record<string, string>;
let admin: Record<string, string>;
let shutDown = false;
// One database for the file (a new PGlite costs seconds); the shutdown test runs last.
beforeAll(async () => {
  ctx = await createTestContext({ now: () => NOW });
  lei = (await ctx.login('FORCE_ANALYST', { force: 'LEI' })).headers;
  admin = (await ctx.login('ADMIN')).headers;
});
afterAll(async () => {
  if (shutDown) await ctx.database.close();
  else await ctx.close();
});

// Faults (issue #6): the database failing or going away in the middle of a
// request, a client giving up half way through an upload, and a shutdown with
// an upload in flight. Nothing is mocked: real databases, real sockets.

const onPostgres = Boolean(process.env.DATABASE_URL);
const TABLES = ['returns', 'return_sheets'];
const INTERNALS = /\n\s+at |\.ts:\d+|node_modules|insert into|select .* from|simulated|admin_shutdown/i;

async function counts(database: Database) {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(database, t)] as const)));
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

async function auditStatuses(app: App, admin: Record<string, string>, action: string): Promise<number[]> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/audit?action=${action}`, headers: admin });
  expect(res.statusCode).toBe(200);
  return res.json().map((e: { status: number }) => e.status);
}

describe('the database failing in the middle of a request (either driver)', () => {
  // The database is made to fail as a shutting-down server does (SQLSTATE
  // 57P01, 08006) half way through the upload's transaction, after the return
  // row is written; the same on PGlite, which cannot lose a connection.
  it('answers 503 with a clear code, keeps nothing, queues the audit entry, and recovers by itself', async () => {
    const { db } = ctx.database;
    const before = await counts(ctx.database);
    await db.execute(sql.raw(`
      create function fault_shutdown() returns trigger language plpgsql as $$
      begin raise exception 'terminating connection due to administrator command (simulated)' using errcode = 'admin_shutdown'; end $$`));
    await db.execute(sql.raw(`create trigger fault_nominals before insert on return_sheets for each row when (new.sheet = 'nominals') execute function fault_shutdown()`));
    await db.execute(sql.raw(`
      create function fault_lost() returns trigger language plpgsql as $$
      begin raise exception 'connection lost (simulated)' using errcode = 'connection_failure'; end $$`));
    await db.execute(sql.raw('create trigger fault_audit before insert on audit_log for each row execute function fault_lost()'));
    try {
      const res = await upload(ctx.app, lei, await toXlsx(validReturn()));
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('db.unavailable');
      expect(res.body).not.toMatch(INTERNALS);
      await until('the audit entry to be queued', () => ctx.app.services.audit.stats().pending > 0);
      expect(await counts(ctx.database)).toEqual(before);
    } finally {
      await db.execute(sql.raw('drop trigger fault_nominals on return_sheets'));
      await db.execute(sql.raw('drop trigger fault_audit on audit_log'));
    }
    const again = await upload(ctx.app, lei, await toXlsx(validReturn()));
    expect(again.statusCode).toBe(201);
    expect(await countRows(ctx.database, 'returns')).toBe(before.returns + 1);
    expect((await auditStatuses(ctx.app, admin, 'returns.upload')).slice(0, 2)).toEqual([201, 503]);
    await ctx.app.services.audit.drain();
    expect(ctx.app.services.audit.stats()).toEqual({ pending: 0, dropped: 0 });
  });
});

// Connections really lost: only PostgreSQL has them (PGlite runs in-process).
describe.runIf(onPostgres)('PostgreSQL connections lost and the server away', () => {
  // A database of its own: a connection the driver leaves broken (see below) must not spill into the other tests.
  let ctx: TestContext;
  let lei: Record<string, string>;
  let admin: Record<string, string>;
  let direct: postgres.Sql;
  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    lei = (await ctx.login('FORCE_ANALYST', { force: 'LEI' })).headers;
    admin = (await ctx.login('ADMIN')).headers;
    direct = postgres((ctx.database as Database & { url: string }).url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await direct?.end();
    await ctx?.close();
  });

  it("answers 503 when the app's backends are terminated mid-upload, keeps nothing, and the next request succeeds", async () => {
    const before = await counts(ctx.database);
    // One pause per statement while the upload's transaction holds its return row.
    await direct.unsafe(`create function fault_pause() returns trigger language plpgsql as $$ begin perform pg_sleep(5); return null; end $$`);
    await direct.unsafe('create trigger fault_pause before insert on return_sheets for each statement execute function fault_pause()');
    // postgres.js 3.4.9 can throw from a timer when a reserved (transaction)
    // connection loses its backend (porsager/postgres#1208): uncaught, that
    // would take the server down. Caught here only to name it in the failure.
    const crashes: Error[] = [];
    const onCrash = (err: Error) => void crashes.push(err);
    process.prependListener('uncaughtException', onCrash);
    try {
      const pending = upload(ctx.app, lei, await toXlsx(validReturn()));
      await until('the upload to be inside its transaction', async () => {
        const rows = await direct`select 1 from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'`;
        return rows.length > 0;
      }, 15_000);
      const killed = await direct`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      expect(killed.length).toBeGreaterThan(0);
      const res = await pending;
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('db.unavailable');
      expect(res.body).not.toMatch(INTERNALS);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.removeListener('uncaughtException', onCrash);
      await direct.unsafe('drop trigger fault_pause on return_sheets');
      await direct.unsafe('drop function fault_pause()');
    }
    expect(crashes.map((e) => `driver crash (porsager/postgres#1208): ${e.message}`)).toEqual([]);
    expect(await counts(ctx.database)).toEqual(before);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: lei })).statusCode).toBe(200);
    expect((await upload(ctx.app, lei, await toXlsx(validReturn()))).statusCode).toBe(201);
    expect((await auditStatuses(ctx.app, admin, 'returns.upload')).slice(0, 2)).toEqual([201, 503]);
  });

  it('answers 503 for as long as the server is away, then serves again without a restart, with every request audited', async () => {
    // The app reaches the same database through a proxy the test can cut.
    const database = await openTestDatabase();
    const url = new URL(database.url!);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    const proxied = await openDatabase({ url: url.toString() });
    const app = await buildApp({ config: loadConfig({ RATE_LIMIT_PER_MINUTE: '100000' }), database: proxied, now: () => NOW });
    try {
      const users = app.services.users;
      const login = async (role: 'FORCE_ANALYST' | 'ADMIN') => {
        const user = await users.addUser({ name: `away-${role.toLowerCase()}`, role, ...(role === 'FORCE_ANALYST' ? { force: 'LEI' } : {}) });
        return { authorization: `Bearer ${(await users.issueToken(user.id)).token}` };
      };
      const [analyst, administrator] = [await login('FORCE_ANALYST'), await login('ADMIN')];
      const get = (url: string, headers = analyst) => app.inject({ method: 'GET', url, headers });
      expect((await get('/api/v1/returns')).statusCode).toBe(200);

      proxy.cut();
      const started = Date.now();
      for (const res of [await get('/api/v1/returns'), await upload(app, analyst, await toXlsx(validReturn())), await get('/readyz')]) {
        expect(res.statusCode).toBe(503);
        expect(res.json().error.code).toBe('db.unavailable');
        expect(res.body).not.toMatch(INTERNALS);
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      await until('audit entries to be queued', () => app.services.audit.stats().pending >= 2);
      expect(await countRows(database, 'returns')).toBe(0);

      proxy.restore();
      expect((await get('/readyz')).statusCode).toBe(200);
      expect((await get('/api/v1/returns')).statusCode).toBe(200);
      expect((await upload(app, analyst, await toXlsx(validReturn()))).statusCode).toBe(201);
      expect(await auditStatuses(app, administrator, 'returns.upload')).toEqual([201, 503]);
      expect(await auditStatuses(app, administrator, 'returns.list')).toEqual([200, 503, 200]);
    } finally {
      await app.close();
      await proxied.close();
      await proxy.close();
      await database.close();
    }
  });
});

/** An upload over a real socket, sent in two halves so the test controls the gap. */
function uploadInHalves(port: number, headers: Record<string, string>, file: Buffer) {
  const body = multipartBody(file);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/returns',
    agent: false,
    headers: { ...headers, 'content-type': body.contentType, 'content-length': body.payload.length },
  });
  const response = new Promise<{ status: number; body: string; at: number }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, at: Date.now() }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.payload.length / 2);
  req.write(body.payload.subarray(0, half));
  return { req, response, finish: () => req.end(body.payload.subarray(half)) };
}

const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
  });

describe('clients and shutdown on a real port', () => {
  let port = 0;
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as AddressInfo).port;
  });

  it('leaves nothing behind when the client gives up half way through an upload, and keeps serving', async () => {
    const before = await counts(ctx.database);
    const cut = uploadInHalves(port, lei, await toXlsx(validReturn()));
    cut.response.catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    cut.req.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await counts(ctx.database)).toEqual(before);
    const whole = uploadInHalves(port, lei, await toXlsx(validReturn()));
    whole.finish();
    expect((await whole.response).status).toBe(201);
    expect(await countRows(ctx.database, 'returns')).toBe(before.returns + 1);
  });

  it('finishes an upload in flight before shutting down, and takes no new connections meanwhile', async () => {
    const slow = uploadInHalves(port, lei, await toXlsx(validReturn()));
    await new Promise((r) => setTimeout(r, 300));
    const accepted = () => countRows(ctx.database, 'returns', sql`status = 'ACCEPTED'`);
    const uploadsAudited = () => countRows(ctx.database, 'audit_log', sql`action = 'returns.upload' and status = 201`);
    const before = { returns: await accepted(), audited: await uploadsAudited() };
    let atClose: typeof before | null = null;
    // The real database stays open so the test can look at what was in it when the close came.
    const closing = closeGracefully({ app: ctx.app, database: { close: async () => void (atClose = { returns: await accepted(), audited: await uploadsAudited() }) }, timeoutMs: 20_000 });
    shutDown = true;
    let closed = false;
    void closing.then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 400));
    expect(closed).toBe(false);
    expect(await connects(port)).toBe(false);
    slow.finish();
    const res = await slow.response;
    expect(res.status).toBe(201);
    expect(await closing).toEqual({ timedOut: false });
    // When the database was closed, the upload and its audit entry were already stored.
    expect(atClose).toEqual({ returns: before.returns + 1, audited: before.audited + 1 });
  });
});
