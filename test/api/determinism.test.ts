import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { ok } from '../helpers/regional-returns.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { idTables, mergePeople, uploadAll, workbooksOf } from '../regional/api-world.js';
import { createRng, presets } from '../world/index.js';

// Issue #11 point 2: the same input gives the same answer. Two fresh
// services are sent the same returns in different orders and asked the same
// questions; every answer is the same, byte for byte. With DATABASE_URL set
// the second service runs on the embedded database, so the two databases
// are compared as well.

const NOW = new Date('2026-04-10T12:00:00Z');
const world = presets.small(2, { noise: { refsReissued: 0.4 } });
const MONTHS = ['2026-01', '2026-02', '2026-03'];
type Login = Awaited<ReturnType<TestContext['login']>>;

describe('the same returns give the same answers', () => {
  const services: { ctx: TestContext; rocu: Login; centre: Login; merges: string[] }[] = [];

  beforeAll(async () => {
    const workbooks = await workbooksOf(world.returns);
    for (const seed of [1, 2]) {
      const database = seed === 2 && process.env.DATABASE_URL ? await openDatabase({ dataDir: 'memory://' }) : undefined;
      if (database) await database.migrate();
      const ctx = await createTestContext({ now: () => NOW, database });
      const rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
      const centre = await ctx.login('NCLCC_ANALYST');
      await uploadAll(ctx, createRng(seed).shuffle([...workbooks]));
      const merges: string[] = [];
      for (const month of MONTHS) merges.push((await mergePeople(ctx, rocu, 'EAST_MIDLANDS', month)).body);
      merges.push((await mergePeople(ctx, centre, 'NATIONAL', '2026-03')).body);
      services.push({ ctx, rocu, centre, merges });
    }
  });
  afterAll(async () => {
    for (const s of services) await s.ctx.close();
  });

  it('uploads in a different order', () => {
    expect(createRng(1).shuffle([...world.returns.keys()])).not.toEqual(createRng(2).shuffle([...world.returns.keys()]));
  });

  it('gives byte-identical merge people lists, month by month, and the same stored ids', async () => {
    const [a, b] = services;
    expect(JSON.parse(a.merges[0]).length).toBeGreaterThan(30);
    expect(a.merges).toEqual(b.merges);
    expect(await idTables(a.ctx)).toEqual(await idTables(b.ctx));
  });

  it('gives byte-identical rankings, safeguarding lists and review queues', async () => {
    const answers = async (s: (typeof services)[number]) => {
      const get = async (url: string, who: Login) => {
        const res = await s.ctx.app.inject({ method: 'GET', url, headers: who.headers });
        ok(res);
        return res.body;
      };
      const out: string[] = [];
      for (const q of ['scope=national&month=2026-03&months=3', 'scope=EAST_MIDLANDS&month=2026-02&months=2', 'scope=LEI&month=2026-03&months=1']) {
        out.push(await get(`/api/v1/controllers?${q}&limit=1000&include=victims`, s.centre));
        out.push(await get(`/api/v1/controllers?${q}&limit=1000`, s.centre));
        out.push(await get(`/api/v1/controllers?${q}&limit=1000&method=contacts`, s.centre));
        out.push(await get(`/api/v1/safeguarding?${q}&limit=1000`, s.centre));
      }
      const review = JSON.parse(await get('/api/v1/regions/EAST_MIDLANDS/review', s.rocu));
      out.push(JSON.stringify(review.pairs));
      return out;
    };
    const [a, b] = [await answers(services[0]), await answers(services[1])];
    expect(JSON.parse(a[0]).people.length).toBeGreaterThan(50);
    expect(a).toEqual(b);
  });
});
