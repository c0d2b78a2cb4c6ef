import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReturns } from '../../bench/seed-returns.js';
import { countRows } from '../helpers/sql.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { presets } from '../world/index.js';

// Issue #12 point 1: a merge must not freeze the service. Its resolution runs
// in the merge worker, so while the job says "resolving" the service keeps
// answering everyone else.

type JobView = { id: string; status: string; stage: string; stages: { stage: string }[] };

const world = presets.region(2);
const LAST = world.returns.at(-1)!.meta.month;

describe('a merge resolves off the event loop', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedReturns(ctx.database, world.returns);
  }, 240_000);
  afterAll(async () => ctx?.close());

  it('answers light requests while the merge is resolving, and stores the same merge', async () => {
    const rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const force = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    const started = await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: { ...rocu.headers, prefer: 'respond-async' }, payload: { month: LAST } });
    expect(started.statusCode).toBe(202);
    const jobUrl = started.headers.location as string;
    let duringResolve = 0;
    let job: JobView;
    for (;;) {
      const [ready, history, state] = await Promise.all([
        ctx.app.inject({ method: 'GET', url: '/readyz' }),
        ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: force.headers }),
        ctx.app.inject({ method: 'GET', url: jobUrl, headers: rocu.headers }),
      ]);
      expect([ready.statusCode, history.statusCode, state.statusCode]).toEqual([200, 200, 200]);
      job = state.json() as JobView;
      if (job.status !== 'running') break;
      if (job.stage === 'resolving') duringResolve++;
      // Injected requests can resolve without leaving the microtask queue: let timers and the worker's reply in.
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(job.status).toBe('succeeded');
    expect(job.stages.map((s) => s.stage)).toEqual(['loading returns', 'checking forces outside the region', 'resolving', 'saving', 'done']);
    // Answered again and again while it resolved: on the event loop (the merge resolved in-process) it was 3 at most here, between the statements around the resolution.
    expect(duringResolve).toBeGreaterThan(10);
    // The merge the worker resolved is the one stored, whole.
    const summary = (job as unknown as { result: { id: string; stats: { entities: { people: number } } } }).result;
    const people = await ctx.app.inject({ method: 'GET', url: `/api/v1/regions/EAST_MIDLANDS/merges/${summary.id}/people?limit=1000`, headers: rocu.headers });
    expect(people.json().total).toBe(summary.stats.entities.people);
  }, 240_000);

  it('stores nothing when the database fails while the worker is still handing back items, and merges again after', async () => {
    const rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const { db } = ctx.database;
    const before = await countRows(ctx.database, 'merges');
    await db.execute(sql.raw(`create function fail_people() returns trigger language plpgsql as $$ begin raise exception 'disk full (simulated)'; end $$`));
    // After the ids (written first) and the merge's row: the failure meets batches still coming from the worker.
    await db.execute(sql.raw('create trigger fail_people before insert on merge_people for each statement execute function fail_people()'));
    try {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: rocu.headers, payload: { month: LAST } });
      expect(res.statusCode, res.body).toBe(500);
      expect(res.body).not.toMatch(/disk full|merge_people/);
    } finally {
      await db.execute(sql.raw('drop trigger fail_people on merge_people'));
      await db.execute(sql.raw('drop function fail_people()'));
    }
    // The merge's row went in before its people: it went back with them.
    expect(await countRows(ctx.database, 'merges')).toBe(before);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: rocu.headers, payload: { month: LAST } });
    expect(again.statusCode, again.body).toBe(201);
  }, 120_000);

  it('stores nothing of a merge whose resolution fails in the worker, and answers the next request', async () => {
    const rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const before = await countRows(ctx.database, 'merges');
    // A Lines sheet that is no list: the worker's resolution throws on it.
    await ctx.database.db.execute(sql`update return_sheets set data = '{}' where sheet = 'lines' and return_id in (select id from returns where month = ${LAST})`);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: rocu.headers, payload: { month: LAST } });
    expect(res.statusCode, res.body).toBe(500);
    expect(res.json().error.code).toBe('internal');
    expect(await countRows(ctx.database, 'merges')).toBe(before);
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  }, 120_000);
});

describe('a merge too large for the memory the worker may use', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { MERGE_HEAP_MB: '16' } });
    await seedReturns(ctx.database, world.returns);
  }, 240_000);
  afterAll(async () => ctx?.close());

  // 16 MB does not hold the worker's modules: it dies before it is ready, which piscina tells on the pool, not
  // on the task (the merge waited for ever, and the unheard event was an uncaught exception).
  it('answers 503 merges.too_large, stores nothing, and the service goes on answering', async () => {
    const rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: rocu.headers, payload: { month: LAST } });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().error.code).toBe('merges.too_large');
    expect(await countRows(ctx.database, 'merges')).toBe(0);
    expect(await countRows(ctx.database, 'merge_people')).toBe(0);
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  }, 120_000);
});
