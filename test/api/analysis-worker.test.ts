import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedReturns } from '../../bench/seed-returns.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';
import { presets, writeReturnWorkbook } from '../world/index.js';

const nextMonth = (m: string) => {
  const [y, mm] = m.split('-').map(Number);
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
};

// Issue #12 point 1: one analyst must not be able to freeze the service.
// Windows of the network are worked out in the analysis worker, as jobs: the
// event loop keeps answering while they run, identical requests share one
// job, each user and the service have a cap (429 beyond it), a request that
// waits too long gets 202 and the job, the worker's memory for analyses is
// bounded, and a return that lands has its month's windows worked out ahead.

type Login = Awaited<ReturnType<TestContext['login']>>;
type JobView = { id: string; kind: string; status: string; stage: string; stages: { stage: string }[] };

const world = presets.region(2);
const LAST = world.returns.at(-1)!.meta.month;
const NEXT = nextMonth(LAST);

async function pollJob(ctx: TestContext, who: Login, location: string): Promise<JobView> {
  let job: JobView;
  await vi.waitFor(
    async () => {
      job = (await ctx.app.inject({ method: 'GET', url: location, headers: who.headers })).json() as JobView;
      expect(job.status).not.toBe('running');
    },
    { timeout: 120_000, interval: 100 },
  );
  return job!;
}

describe('windows are worked out off the event loop, as jobs with caps', () => {
  let ctx: TestContext;
  let rocu: Login;
  let other: Login;
  let force: Login;

  beforeAll(async () => {
    // No waiting: every window not in memory answers 202 at once, so the test sees the job.
    ctx = await createTestContext({ env: { ANALYSIS_WAIT_MS: '0', ANALYSIS_PER_USER: '1', ANALYSIS_TOTAL: '2' } });
    await seedReturns(ctx.database, world.returns);
    rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    other = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    force = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
  }, 240_000);
  afterAll(async () => ctx?.close());

  const url = (months: number, what = 'safeguarding') => `/api/v1/${what}?scope=EAST_MIDLANDS&month=${LAST}&months=${months}`;

  it('answers light requests while a window is being worked out, shares one job per window, and refuses a second window from the same user', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: url(6), headers: rocu.headers });
    expect(first.statusCode).toBe(202);
    const job = first.json() as JobView;
    expect(job).toMatchObject({ kind: 'analysis', status: 'running' });
    expect(first.headers.location).toBe(`/api/v1/jobs/${job.id}`);

    // The event loop is free: health and a force analyst's history answer while the window is worked out.
    let answered = 0;
    for (;;) {
      const [ready, history, state] = await Promise.all([
        ctx.app.inject({ method: 'GET', url: '/readyz' }),
        ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: force.headers }),
        ctx.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: rocu.headers }),
      ]);
      expect(ready.statusCode).toBe(200);
      expect(history.statusCode).toBe(200);
      expect(state.statusCode).toBe(200);
      if ((state.json() as JobView).status !== 'running') break;
      answered++;
      // Injected requests can resolve without ever leaving the microtask queue: let the worker's replies in.
      await new Promise((r) => setTimeout(r, 20));
      // Asked while it runs: the same window joins the job; a different one is over this user's cap.
      if (answered === 1) {
        const again = await ctx.app.inject({ method: 'GET', url: url(6, 'controllers'), headers: rocu.headers });
        expect(again.statusCode).toBe(202);
        expect((again.json() as JobView).id).toBe(job.id);
        const second = await ctx.app.inject({ method: 'GET', url: url(5), headers: rocu.headers });
        expect(second.statusCode).toBe(429);
        expect(second.json().error.code).toBe('jobs.busy_user');
        // Another analyst is not held back by the first one's cap.
        const theirs = await ctx.app.inject({ method: 'GET', url: url(4), headers: other.headers });
        expect(theirs.statusCode).toBe(202);
      }
    }
    expect(answered).toBeGreaterThan(0);

    const done = await pollJob(ctx, rocu, `/api/v1/jobs/${job.id}`);
    expect(done.status).toBe('succeeded');
    expect(done.stages.map((s) => s.stage)).toEqual(['loading returns', 'resolving and ranking', 'done']);
    const page = await ctx.app.inject({ method: 'GET', url: url(6), headers: rocu.headers });
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toBeGreaterThan(0);
  }, 240_000);

  it('lets only those who may see the window read its job', async () => {
    const started = await ctx.app.inject({ method: 'GET', url: url(2), headers: rocu.headers });
    const id = started.statusCode === 202 ? (started.json() as JobView).id : null;
    if (!id) return expect(started.statusCode).toBe(200);
    const byForce = await ctx.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: force.headers });
    expect(byForce.statusCode).toBe(403);
    await pollJob(ctx, rocu, `/api/v1/jobs/${id}`);
  }, 240_000);
});

describe('the analysis cache is bounded by memory', () => {
  let ctx: TestContext;
  let nclcc: Login;

  beforeAll(async () => {
    ctx = await createTestContext({ env: { ANALYSIS_CACHE_MB: '1' } });
    await seedReturns(ctx.database, world.returns);
    nclcc = await ctx.login('NCLCC_ANALYST');
  }, 240_000);
  afterAll(async () => ctx?.close());

  it('keeps the windows asked for last within its memory, dropping the oldest', async () => {
    const windows = [6, 5, 4].map((months) => ({ scope: 'NATIONAL', month: LAST, months }));
    for (const w of windows) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/controllers?scope=${w.scope}&month=${w.month}&months=${w.months}&limit=1`, headers: nclcc.headers });
      expect(res.statusCode, res.body).toBe(200);
    }
    const ready = await Promise.all(windows.map((w) => ctx.app.services.network.isReady(null, w)));
    // Each of these analyses is larger than 1 MB: only the last one asked for is kept.
    expect(ready).toEqual([false, false, true]);
  }, 240_000);

});

describe('windows are filled ahead when a return lands', () => {
  let ctx: TestContext;
  let lei: Login;

  beforeAll(async () => {
    // The month after the last return's: the console opens on the three months up to today.
    ctx = await createTestContext({ env: { ANALYSIS_PRECOMPUTE: 'on' }, now: () => new Date(`${NEXT}-15T10:00:00Z`) });
    await seedReturns(ctx.database, world.returns.filter((r) => r.meta.force !== 'LEI' || r.meta.month !== LAST));
    lei = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
  }, 240_000);
  afterAll(async () => ctx?.close());

  it("works out the month's force, region and national windows when a return lands, and the console's window ending today, before anyone asks", async () => {
    const lastLei = world.returns.find((r) => r.meta.force === 'LEI' && r.meta.month === LAST)!;
    const res = await upload(ctx.app, lei.headers, await writeReturnWorkbook(lastLei));
    expect(res.statusCode).toBe(201);
    for (const scope of ['LEI', 'EAST_MIDLANDS', 'NATIONAL']) {
      for (const month of [LAST, NEXT]) {
        await vi.waitFor(async () => expect(await ctx.app.services.network.isReady(null, { scope, month, months: 3 })).toBe(true), { timeout: 120_000, interval: 200 });
      }
    }
  }, 240_000);
});
