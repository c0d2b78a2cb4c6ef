import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../helpers/regional-returns.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { idTables, mergePeople, storedState, uploadAll, workbooksOf } from '../regional/api-world.js';
import { presets } from '../world/index.js';

// Issue #11 point 1: reads never write. A force analyst's, a ROCU's and the
// centre's queries, over every window and list, leave every table but the
// audit log as it was, and the next merge gives every person the same id as
// the same merge on a service nobody read from.

const NOW = new Date('2026-04-10T12:00:00Z');
const world = presets.small(4, { noise: { refsReissued: 0.5 } });
type Login = Awaited<ReturnType<TestContext['login']>>;

describe('reads never write', () => {
  let read: TestContext;
  let quiet: TestContext;
  const who: Record<'lei' | 'rocu' | 'centre', Login[]> = { lei: [], rocu: [], centre: [] };
  const seenByForce = new Set<string>();

  beforeAll(async () => {
    const workbooks = await workbooksOf(world.returns);
    [read, quiet] = [await createTestContext({ now: () => NOW }), await createTestContext({ now: () => NOW })];
    for (const ctx of [read, quiet]) {
      who.lei.push(await ctx.login('FORCE_ANALYST', { force: 'LEI' }));
      who.rocu.push(await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' }));
      who.centre.push(await ctx.login('NCLCC_ANALYST'));
      await uploadAll(ctx, workbooks);
    }
    // January and February merged; March not yet, so March's new records have no stored id.
    for (const [i, ctx] of [read, quiet].entries()) {
      for (const month of ['2026-01', '2026-02']) await mergePeople(ctx, who.rocu[i], 'EAST_MIDLANDS', month);
    }
  });
  afterAll(async () => {
    await read?.close();
    await quiet?.close();
  });

  // Some 150 requests, each a window resolved on a cold cache: more time than the default on a busy machine.
  it('leaves every table but the audit log unchanged after every read by every role', { timeout: 240_000 }, async () => {
    const before = await storedState(read);
    const get = async (url: string, as: Login) => ok(await read.app.inject({ method: 'GET', url, headers: as.headers }));
    // A month no merge has seen yet (March), alone and with the merged months before it.
    const windows = ['month=2026-03&months=3', 'month=2026-03&months=1'];
    for (const [role, scopes] of [['lei', ['']], ['rocu', ['', '&scope=EAST_MIDLANDS', '&scope=LEI']], ['centre', ['&scope=national', '&scope=EAST_MIDLANDS', '&scope=NOT']]] as const) {
      const as = who[role][0];
      for (const w of windows) {
        for (const scope of scopes) {
          const q = `${w}${scope}`;
          const ranked = (await get(`/api/v1/controllers?${q}&limit=1000&include=victims`, as)).people as { personId: string; lines: string[] }[];
          await get(`/api/v1/controllers?${q}&method=contacts`, as);
          await get(`/api/v1/safeguarding?${q}`, as);
          if (role === 'lei') for (const p of ranked) seenByForce.add(`${q}|${p.personId}`);
          for (const p of ranked.slice(0, 2)) {
            await get(`/api/v1/people/${p.personId}?${q}`, as);
            await get(`/api/v1/network/${p.personId}?${q}`, as);
            if (p.lines[0]) await get(`/api/v1/lines/${p.lines[0]}?${q}`, as);
          }
        }
      }
      if (role !== 'lei') {
        const { merges } = (await get('/api/v1/regions/EAST_MIDLANDS/merges', as)) as { merges: { id: string }[] };
        await get('/api/v1/regions/EAST_MIDLANDS/review', as);
        for (const list of ['people', 'lines', 'alerts']) await get(`/api/v1/regions/EAST_MIDLANDS/merges/${merges[0].id}/${list}`, as);
      }
    }
    expect(seenByForce.size).toBeGreaterThan(50);
    expect(await storedState(read)).toEqual(before);
  });

  it('gives every person the same id in the next merge as a service nobody read from', async () => {
    const [afterReads, unread] = [await mergePeople(read, who.rocu[0], 'EAST_MIDLANDS', '2026-03'), await mergePeople(quiet, who.rocu[1], 'EAST_MIDLANDS', '2026-03')];
    expect(JSON.parse(afterReads.body).length).toBeGreaterThan(50);
    expect(afterReads.body).toBe(unread.body);
    expect(await idTables(read)).toEqual(await idTables(quiet));
  });

  it('still finds, in the same window, every person a force analyst was shown before the merge', async () => {
    const missing: string[] = [];
    for (const seen of seenByForce) {
      const [q, id] = seen.split('|');
      const res = await read.app.inject({ method: 'GET', url: `/api/v1/people/${id}?${q}`, headers: who.lei[0].headers });
      if (res.statusCode !== 200) missing.push(`${id} (${q}): ${res.statusCode}`);
    }
    expect(missing).toEqual([]);
  });
});
