import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../matrix/fixtures.js';
import { d, forceReturn, lineRow, nominalRow, ok } from '../helpers/regional-returns.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';

// The ROCU's worklist of people on several lines with no recorded direction:
// who is on it, and that recording a DIRECTS link takes a person off it.

const NOW = new Date('2024-04-15T12:00:00Z');
const MARCH = '2024-03';
type Login = Awaited<ReturnType<TestContext['login']>>;
type Entry = { personId: string; names: string[]; lines: { lineId: string }[]; sources: { force: string; ref: string }[]; flags: { child: boolean } };

describe('GET /api/v1/worklists/direction', () => {
  let ctx: TestContext;
  let emsou: Login;

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    const lei = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    const fx = forceReturn('LEI', MARCH, [
      lineRow({ 'Line Ref': 'LEI-L1', 'Line Name': 'JAY', 'Deal Numbers': '07700 900001' }),
      lineRow({ 'Line Ref': 'LEI-L2', 'Line Name': 'BUGZY', 'Deal Numbers': '07700 900002' }),
    ], [
      // Hussain works both lines and nobody has said who directs whom.
      nominalRow({ 'Nominal Ref': 'LEI-N1', 'Line Ref': 'LEI-L1', Role: 'UNKNOWN', Surname: 'Hussain', Forenames: 'Amir', DOB: d('1988-02-03') }),
      nominalRow({ 'Nominal Ref': 'LEI-N1', 'Line Ref': 'LEI-L2', Role: 'UNKNOWN', Surname: 'Hussain', Forenames: 'Amir', DOB: d('1988-02-03') }),
      nominalRow({ 'Nominal Ref': 'LEI-N2', 'Line Ref': 'LEI-L1', Role: 'LINE_HOLDER', Surname: 'Price', Forenames: 'Tom', DOB: d('1999-07-07') }),
      nominalRow({ 'Nominal Ref': 'LEI-N3', 'Line Ref': 'LEI-L2', Surname: 'Lowe', Forenames: 'Sam', DOB: d('2001-01-01') }),
    ]);
    ok(await upload(ctx.app, lei.headers, await toXlsx(fx)), 201);
  });
  afterAll(() => ctx.close());

  const worklist = async (): Promise<Entry[]> =>
    ok(await ctx.app.inject({ method: 'GET', url: `/api/v1/worklists/direction?scope=EAST_MIDLANDS&month=${MARCH}&months=1`, headers: emsou.headers })).people;

  it('lists a person on two lines with no direction recorded, with the lines and the force references', async () => {
    const list = await worklist();
    expect(list.map((e) => e.names[0])).toEqual(['AMIR HUSSAIN']);
    expect(list[0].lines).toHaveLength(2);
    expect(list[0].sources).toEqual([expect.objectContaining({ force: 'LEI', ref: 'LEI-N1' })]);
    expect(list[0].flags.child).toBe(false);
  });

  it('takes the person off once the ROCU records whom they direct, and audits whom it showed', async () => {
    const [hussain] = await worklist();
    const merge = ok(await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: emsou.headers, payload: { month: MARCH } }), 201);
    const { people }: { people: { id: string; records: { ref: string }[] }[] } = ok(
      await ctx.app.inject({ method: 'GET', url: `/api/v1/regions/EAST_MIDLANDS/merges/${merge.id}/people?limit=1000`, headers: emsou.headers }),
    );
    const price = people.find((p) => p.records.some((r) => r.ref === 'LEI-N2'))!;
    ok(
      await ctx.app.inject({
        method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/enrichments', headers: emsou.headers,
        payload: { kind: 'association', personId: hussain.personId, targetPersonId: price.id, relationship: 'DIRECTS' },
      }),
      201,
    );
    expect(await worklist()).toEqual([]);

    await ctx.app.services.audit.drain();
    const [entry] = await ctx.app.services.audit.list({ action: 'worklists.direction', limit: 5, userId: emsou.userId });
    expect(entry.detail).toMatchObject({ people: [] });
    const all = await ctx.app.services.audit.list({ action: 'worklists.direction', limit: 5, userId: emsou.userId });
    expect(all.at(-1)!.detail).toMatchObject({ people: [hussain.personId] });
  });
});
