import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../matrix/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { d, forceReturn, lineRow, nominalRow, ok, type Row } from '../helpers/regional-returns.js';
import { upload } from '../helpers/upload.js';

// The ROCU review queue in words (issue #11 point 8), through the API on a
// real database. Three East Midlands forces report in March 2024:
// - Daniel Okafor (Leicestershire, on JAY) and Danny Okafor (Nottinghamshire,
//   on ZED, a Loughborough line into Nottingham, no date of birth): too alike
//   to keep apart, too unsure to join;
// - Daniel Okafour on BUGZY in Northamptonshire joins one of Leicestershire's
//   Okafors, so he is held apart from the other: one force's two refs are two
//   people.
// Lee Kerr, twice in Leicestershire and once in Northamptonshire, is part of
// what the region's records look like (the merge estimates its prior from them).

type Pair = {
  id: string; kind: string; reason: string; reasonText: string; summary: string; weight: number;
  a: { ref: string }; b: { ref: string };
  evidence: { comparison: string; level: string; weight: number; detail: string; text: string }[];
};

const NOW = new Date('2024-04-15T12:00:00Z');
const MARCH = '2024-03';

const line = (ref: string, name: string, number: string, over: Row = {}) =>
  lineRow({ 'Line Ref': ref, 'Line Name': name, 'Deal Numbers': number, 'Exporting Force': 'LEI', 'Exporting Area': 'Leicester', 'Importing Areas': 'NTH:Corby', 'Investigation Status': 'INTEL_ONLY', ...over });

const leicestershire = () =>
  forceReturn('LEI', MARCH, [line('LEI-L001', 'JAY', '07700 900001'), line('LEI-L002', 'BUGZY', '07700 900002')], [
    nominalRow({ 'Nominal Ref': 'LEI-N005', 'Line Ref': 'LEI-L001', Role: 'ASSOCIATE', Surname: 'Okafor', Forenames: 'Daniel', DOB: d('2002-03-11') }),
    nominalRow({ 'Nominal Ref': 'LEI-N006', 'Line Ref': 'LEI-L002', Surname: 'Okafor', Forenames: 'Danny' }),
    nominalRow({ 'Nominal Ref': 'LEI-N010', 'Line Ref': 'LEI-L001', Role: 'LINE_HOLDER', Surname: 'Kerr', Forenames: 'Lee', DOB: d('1999-01-01') }),
    nominalRow({ 'Nominal Ref': 'LEI-N011', 'Line Ref': 'LEI-L001', Role: 'LINE_HOLDER', Surname: 'Kerr', Forenames: 'Lee', DOB: d('1998-06-20'), 'Phone Numbers': '07700 900555' }),
  ]);

const northamptonshire = () =>
  forceReturn('NTH', MARCH, [line('NTH-L2', 'BUGZY', '+447700900002')], [
    nominalRow({ 'Nominal Ref': 'NTH-80', 'Line Ref': 'NTH-L2', Surname: 'Okafour', Forenames: 'Daniel' }),
    nominalRow({ 'Nominal Ref': 'NTH-90', 'Line Ref': 'NTH-L2', Role: 'LINE_HOLDER', Surname: 'Kerr', Forenames: 'Lee', 'Phone Numbers': '+447700900555' }),
  ]);

const nottinghamshire = () =>
  forceReturn('NOT', MARCH, [line('NOT-L9', 'ZED', '07700 900900', { 'Exporting Area': 'Loughborough', 'Importing Areas': 'NOT:Nottingham' })], [
    nominalRow({ 'Nominal Ref': 'NOT-N9', 'Line Ref': 'NOT-L9', Role: 'LINE_HOLDER', Surname: 'Okafor', Forenames: 'Danny' }),
  ]);

describe('the review queue reads in words', () => {
  let ctx: TestContext;
  let pairs: Pair[] = [];
  let emsou: Awaited<ReturnType<TestContext['login']>>;
  let mergeId = '';

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    for (const [force, fx] of [['LEI', leicestershire()], ['NTH', northamptonshire()], ['NOT', nottinghamshire()]] as const) {
      const analyst = await ctx.login('FORCE_ANALYST', { force });
      ok(await upload(ctx.app, analyst.headers, await toXlsx(fx)), 201);
    }
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    mergeId = ok(await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: emsou.headers, payload: { month: MARCH } }), 201).id;
    pairs = ok(await ctx.app.inject({ method: 'GET', url: '/api/v1/regions/EAST_MIDLANDS/review', headers: emsou.headers })).pairs;
  });
  afterAll(() => ctx?.close());

  const pair = (a: string, b: string) => {
    const found = pairs.find((p) => [p.a.ref, p.b.ref].sort().join() === [a, b].sort().join());
    expect(found, `${a} / ${b} in ${JSON.stringify(pairs.map((p) => [p.a.ref, p.b.ref, p.reason, p.weight]))}`).toBeDefined();
    return found!;
  };
  const words = (p: Pair) => Object.fromEntries(p.evidence.map((e) => [e.comparison, e.text]));

  it('says each comparison in words, keeping its level and weight beside', () => {
    const okafor = pair('LEI-N005', 'NOT-N9');
    expect(words(okafor)).toMatchObject({
      surname: 'same surname OKAFOR',
      forenames: 'forenames are forms of one name: DANIEL / DANNY',
      dob: 'date of birth not recorded on both, so not compared',
    });
    for (const e of okafor.evidence) expect(e).toMatchObject({ level: expect.any(String), weight: expect.any(Number), detail: expect.any(String) });
    expect(okafor.reasonText).toBe(`undecided: the evidence (match weight ${okafor.weight.toFixed(1)}) is too strong to keep them apart and too weak to join them`);
    expect(okafor.summary).toMatch(/^same surname OKAFOR; .*\(match weight -?\d+\.\d, probability 0\.\d\d\)$/);
  });

  it('uses words, not codes, for every comparison of every queued pair', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    for (const p of pairs) {
      for (const e of p.evidence) {
        expect(e.text.length, JSON.stringify(e)).toBeGreaterThan(5);
        // A level code (NICKNAME_OR_VARIANT, SHARED_NAME_DERIVED) is not words.
        expect(e.text, JSON.stringify(e)).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
      }
      expect(p.reasonText).not.toMatch(/BLOCKED_BY_CONSTRAINT|BETWEEN_THRESHOLDS/);
    }
  });

  it('names the constraint that held a pair apart', () => {
    const held = pairs.filter((p) => p.reason === 'BLOCKED_BY_CONSTRAINT');
    expect(held.length).toBeGreaterThanOrEqual(1);
    for (const p of held) {
      expect(p.reasonText).toMatch(/^held apart: joining them would make one person of two LEI records \(LEI-N005 and LEI-N006\), and one force's refs are different people/);
      expect(p.reasonText).not.toContain('BLOCKED_BY_CONSTRAINT');
    }
  });

  it("pages through a merge's people, lines and alerts, the review queue and the merge history, and refuses another merge's cursor", async () => {
    const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: emsou.headers });
    for (const list of ['people', 'lines', 'alerts'] as const) {
      const base = `/api/v1/regions/EAST_MIDLANDS/merges/${mergeId}/${list}`;
      const whole = ok(await get(`${base}?limit=1000`));
      expect(whole.nextCursor).toBeNull();
      expect(whole[list].length).toBe(whole.total);
      if (list !== 'alerts') expect(whole.total).toBeGreaterThanOrEqual(2);
      const seen: { id?: string; key?: string }[] = [];
      let cursor: string | null = null;
      do {
        const body: { nextCursor: string | null; [k: string]: unknown } = ok(await get(`${base}?limit=1${cursor ? `&cursor=${cursor}` : ''}`));
        seen.push(...(body[list] as { id?: string; key?: string }[]));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(whole[list]);
    }
    // The review queue pages the same way, each page in words.
    const queue: Pair[] = [];
    let next: string | null = null;
    do {
      const body: { pairs: Pair[]; nextCursor: string | null; total: number } = ok(await get(`/api/v1/regions/EAST_MIDLANDS/review?limit=1${next ? `&cursor=${next}` : ''}`));
      queue.push(...body.pairs);
      next = body.nextCursor;
    } while (next);
    expect(queue.map((q) => [q.id, q.reasonText])).toEqual(pairs.map((q) => [q.id, q.reasonText]));
    const reviewCursor = ok(await get('/api/v1/regions/EAST_MIDLANDS/review?limit=1')).nextCursor;
    const cursor = ok(await get(`/api/v1/regions/EAST_MIDLANDS/merges/${mergeId}/people?limit=1`)).nextCursor;
    const again = ok(await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: emsou.headers, payload: { month: MARCH } }), 201).id;
    const res = await get(`/api/v1/regions/EAST_MIDLANDS/merges/${again}/people?cursor=${cursor}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('query.bad_cursor');
    // The queue is now the new merge's: the old cursor's next page is refused, not shifted.
    const stale = await get(`/api/v1/regions/EAST_MIDLANDS/review?limit=1&cursor=${reviewCursor}`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('query.list_changed');
    // So does the region's history of merges, newest first.
    const history = ok(await get('/api/v1/regions/EAST_MIDLANDS/merges?limit=1'));
    expect([history.total, history.merges.map((m: { id: string }) => m.id)]).toEqual([2, [again]]);
    expect(ok(await get(`/api/v1/regions/EAST_MIDLANDS/merges?limit=1&cursor=${history.nextCursor}`)).merges.map((m: { id: string }) => m.id)).toEqual([mergeId]);
  });
});
