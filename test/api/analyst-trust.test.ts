import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx, type Table } from '../matrix/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { d, forceReturn, lineRow, nominalRow, ok, type Row } from '../helpers/regional-returns.js';
import { upload } from '../helpers/upload.js';

// Issue #11 "Results an analyst can trust", points 3, 4 and 8, through the
// HTTP API on a real database. Leicestershire and Northamptonshire report
// one line, BUGZY, in March 2024: John Smith controls it (both forces hold
// him, under one PNC ID); Mark Jones holds it for him; Kai Doe, 16 and
// recorded as exploited, directs the two runners on it, one of whom
// (Ann Bloggs) is 17 by her date of birth though recorded as not exploited,
// the other (Tom Green) turns 18 on the last day of the window.

type Login = Awaited<ReturnType<TestContext['login']>>;
type Flags = { child: boolean; exploited: boolean; vulnerable: boolean };
type Source = { force: string; month: string; ref: string };
type Ranked = {
  personId: string; rank: number | null; overallRank: number; names: string[]; pncIds: string[]; dob: string | null; flags: Flags; sources: Source[];
  factors: { factor: string; text: string; contribution: number }[];
};
type Safeguarding = {
  personId: string; names: string[]; flags: Flags; sources: Source[]; directs: { personId: string; names: string[]; relationships: string[] }[]; directsText: string;
  controllersAbove: { personId: string; rank: number }[];
};

const NOW = new Date('2024-04-15T12:00:00Z');
const MARCH = '2024-03';
const Q = `month=${MARCH}&months=1`;

const bugzy = (ref: string, over: Row = {}) =>
  lineRow({
    'Line Ref': ref, 'Line Name': 'BUGZY', 'Deal Numbers': '07700 900002', 'Exporting Force': 'LEI', 'Exporting Area': 'Leicester',
    'Importing Areas': 'NTH:Corby', 'Investigation Status': 'INTEL_ONLY', ...over,
  });

const associations = (rows: [string, string, string][]): Table => ({
  name: 'Associations',
  headers: ['From Nominal Ref', 'To Nominal Ref', 'Relationship', 'Best Grading'],
  rows: rows.map(([from, to, rel]) => ({ 'From Nominal Ref': from, 'To Nominal Ref': to, Relationship: rel })),
});

function leicestershire(extra: Row[] = []) {
  const fx = forceReturn('LEI', MARCH, [bugzy('LEI-L002')], [
    nominalRow({ 'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L002', Role: 'CONTROLLER', Surname: 'Smith', Forenames: 'John', DOB: d('1985-02-03'), 'PNC ID': '98/1234567L', 'Police Contacts': 0 }),
    nominalRow({ 'Nominal Ref': 'LEI-N005', 'Line Ref': 'LEI-L002', Role: 'LINE_HOLDER', Surname: 'Jones', Forenames: 'Mark', DOB: d('1995-07-08'), 'Police Contacts': 1 }),
    nominalRow({ 'Nominal Ref': 'LEI-N002', 'Line Ref': 'LEI-L002', Role: 'LINE_HOLDER', Surname: 'Doe', Forenames: 'Kai', DOB: d('2007-06-01'), Exploited: 'YES', 'Police Contacts': 3 }),
    nominalRow({ 'Nominal Ref': 'LEI-N003', 'Line Ref': 'LEI-L002', Surname: 'Bloggs', Forenames: 'Ann', Gender: 'F', DOB: d('2006-04-01'), 'Police Contacts': 4 }),
    nominalRow({ 'Nominal Ref': 'LEI-N004', 'Line Ref': 'LEI-L002', Surname: 'Green', Forenames: 'Tom', DOB: d('2006-03-31'), 'Police Contacts': 5 }),
    ...extra,
  ]);
  fx.associations = associations([['LEI-N001', 'LEI-N005', 'DIRECTS'], ['LEI-N002', 'LEI-N003', 'DIRECTS'], ['LEI-N002', 'LEI-N004', 'DIRECTS']]);
  fx.order = ['return', 'lines', 'nominals', 'associations'];
  return fx;
}

const northamptonshire = () =>
  forceReturn('NTH', MARCH, [bugzy('NTH-L1', { 'Deal Numbers': '+447700900002' })], [
    nominalRow({ 'Nominal Ref': 'NTH-77', 'Line Ref': 'NTH-L1', Role: 'CONTROLLER', Surname: 'Smyth', Forenames: 'Jon', 'PNC ID': '98/1234567L', 'Police Contacts': 0 }),
  ]);

describe('results an analyst can trust (issue #11: victims, complete lists, words)', () => {
  let ctx: TestContext;
  let nclcc: Login;
  let admin: Login;
  const forces: Record<string, Login> = {};
  const get = (url: string, who: Login = nclcc) => ctx.app.inject({ method: 'GET', url, headers: who.headers });
  const pages = async <T>(url: string, field: string, limit: number): Promise<{ items: T[]; pages: number }> => {
    const items: T[] = [];
    let cursor: string | null = null;
    let count = 0;
    do {
      const body: Record<string, unknown> & { nextCursor: string | null; total: number } = ok(await get(`${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
      items.push(...(body[field] as T[]));
      expect(body.total).toBeGreaterThanOrEqual(items.length);
      cursor = body.nextCursor;
      count++;
    } while (cursor);
    return { items, pages: count };
  };
  const byName = <T extends { names: string[] }>(list: T[], name: string) => list.find((p) => p.names.some((n) => n.includes(name)));

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    [nclcc, admin, forces.LEI, forces.NTH] = await Promise.all([
      ctx.login('NCLCC_ANALYST'), ctx.login('ADMIN'), ctx.login('FORCE_ANALYST', { force: 'LEI' }), ctx.login('FORCE_ANALYST', { force: 'NTH' }),
    ]);
    ok(await upload(ctx.app, forces.LEI.headers, await toXlsx(leicestershire())), 201);
    ok(await upload(ctx.app, forces.NTH.headers, await toXlsx(northamptonshire())), 201);
  });
  afterAll(() => ctx?.close());

  it('leaves children and exploited people out of the controllers ranking, and brings them back flagged when asked', async () => {
    const everyone = ok(await get(`/api/v1/controllers?scope=national&${Q}&include=victims&limit=100`)).people as Ranked[];
    expect(everyone.map((p) => p.overallRank)).toEqual(everyone.map((_, i) => i + 1));
    const kai = byName(everyone, 'DOE')!;
    const ann = byName(everyone, 'BLOGGS')!;
    const tom = byName(everyone, 'GREEN')!;
    const john = byName(everyone, 'SMITH')!;
    expect(kai.flags).toEqual({ child: true, exploited: true, vulnerable: false });
    // CHILD from DOB (MATRIX-V2 §5): 17 on 31 March 2024 though recorded as not exploited; Tom is 18 that day.
    expect(ann.flags).toEqual({ child: true, exploited: false, vulnerable: false });
    expect(tom.flags).toEqual({ child: false, exploited: false, vulnerable: false });
    expect(john.flags).toEqual({ child: false, exploited: false, vulnerable: false });
    for (const victim of [kai, ann]) expect(victim.rank).toBeNull();

    const body = ok(await get(`/api/v1/controllers?scope=national&${Q}&limit=100`));
    const controllers = body.people as Ranked[];
    expect(controllers.map((p) => p.personId)).not.toContain(kai.personId);
    expect(controllers.map((p) => p.personId)).not.toContain(ann.personId);
    expect(controllers.every((p) => !p.flags.child && !p.flags.exploited)).toBe(true);
    // Ranks run 1, 2, 3 … among the controllers, in the order of the scores.
    expect(controllers.map((p) => p.rank)).toEqual(controllers.map((_, i) => i + 1));
    expect(controllers.map((p) => p.personId)).toEqual(everyone.filter((p) => p.rank !== null).map((p) => p.personId));
    expect(body.leftOut).toBe(2);
    expect(body.total).toBe(everyone.length - 2);

    const contacts = ok(await get(`/api/v1/controllers?scope=national&${Q}&method=contacts&limit=100`)).contacts as (Ranked & { policeContacts: number })[];
    expect(contacts.map((c) => c.personId)).not.toContain(kai.personId);
    expect(contacts.map((c) => c.personId)).not.toContain(ann.personId);
    expect(contacts.map((c) => c.rank)).toEqual(contacts.map((_, i) => i + 1));
    const oldWithVictims = ok(await get(`/api/v1/controllers?scope=national&${Q}&method=contacts&include=victims&limit=100`)).contacts as Ranked[];
    expect(oldWithVictims.find((c) => c.personId === kai.personId)).toMatchObject({ rank: null, flags: { child: true, exploited: true } });
  });

  it('lists them for safeguarding with whom they direct, and never names anyone on that list as a controller above', async () => {
    const { items: list } = await pages<Safeguarding>(`/api/v1/safeguarding?scope=national&${Q}`, 'people', 1);
    const kai = byName(list, 'DOE')!;
    const ann = byName(list, 'BLOGGS')!;
    expect(kai).toBeDefined();
    expect(kai.flags).toMatchObject({ child: true, exploited: true });
    expect(kai.directs.map((p) => p.names[0]).sort()).toEqual(['ANN BLOGGS', 'TOM GREEN']);
    expect(kai.directs.every((p) => p.relationships.join() === 'DIRECTS')).toBe(true);
    expect(kai.directsText).toBe('directs 2 people: ANN BLOGGS (DIRECTS) and TOM GREEN (DIRECTS)');
    const listed = new Set(list.map((p) => p.personId));
    for (const p of list) for (const above of p.controllersAbove) expect(listed.has(above.personId), `${p.names[0]} above: ${above.personId}`).toBe(false);
    // Ann's controllers are the adults who run her line, not the exploited boy who directs her.
    expect(ann.controllersAbove.map((a) => a.personId)).not.toContain(kai.personId);
    expect(ann.controllersAbove.length).toBeGreaterThan(0);
    // The audit log names everyone the pages named: those listed, whom they direct, the controllers above them.
    const audit = ok(await get(`/api/v1/audit?action=safeguarding.list&user=${nclcc.userId}&limit=100`, admin)) as { detail: { people: string[] } }[];
    const logged = new Set(audit.flatMap((r) => r.detail.people));
    for (const p of list) for (const id of [p.personId, ...p.directs.map((d) => d.personId), ...p.controllersAbove.map((c) => c.personId)]) expect(logged.has(id), id).toBe(true);
  });

  it('carries the flags on a person profile and in the GraphML and GEXF exports', async () => {
    const everyone = ok(await get(`/api/v1/controllers?scope=national&${Q}&include=victims&limit=100`)).people as Ranked[];
    const kai = byName(everyone, 'DOE')!;
    const profile = ok(await get(`/api/v1/people/${kai.personId}?scope=national&${Q}`));
    expect(profile).toMatchObject({ rank: null, overallRank: kai.overallRank, flags: { child: true, exploited: true, vulnerable: false }, age: 16 });
    const graphml = (await get(`/api/v1/network/${kai.personId}?scope=national&${Q}&format=graphml&depth=1`)).body;
    const childKey = /<key id="(\w+)" for="node" attr.name="child" attr.type="boolean"\/>/.exec(graphml)![1];
    const node = graphml.slice(graphml.indexOf(`<node id="person:${kai.personId}">`));
    expect(node.slice(0, node.indexOf('</node>'))).toContain(`<data key="${childKey}">true</data>`);
    const gexf = (await get(`/api/v1/network/${kai.personId}?scope=national&${Q}&format=gexf&depth=1`)).body;
    expect(gexf).toMatch(/<attribute id="\w+" title="vulnerable" type="boolean"\/>/);
  });

  it('gives every ranked entry the force records behind it, its PNC ID and date of birth', async () => {
    const controllers = ok(await get(`/api/v1/controllers?scope=national&${Q}&limit=100`)).people as Ranked[];
    const john = byName(controllers, 'SMITH')!;
    expect(john.sources).toEqual([
      { force: 'LEI', month: MARCH, ref: 'LEI-N001' },
      { force: 'NTH', month: MARCH, ref: 'NTH-77' },
    ]);
    expect(john.pncIds).toEqual(['98/1234567L']);
    expect(john.dob).toBe('1985-02-03');
    const contacts = ok(await get(`/api/v1/controllers?scope=national&${Q}&method=contacts&limit=100`)).contacts as Ranked[];
    expect(contacts.find((c) => c.personId === john.personId)).toMatchObject({ sources: john.sources, pncIds: john.pncIds, dob: john.dob, flags: john.flags });
  });

  it('pages through every list in a stable order, a cursor at a time', async () => {
    const whole = ok(await get(`/api/v1/controllers?scope=national&${Q}&include=victims&limit=1000`));
    expect(whole.nextCursor).toBeNull();
    const paged = await pages<Ranked>(`/api/v1/controllers?scope=national&${Q}&include=victims`, 'people', 2);
    expect(paged.pages).toBe(Math.ceil(whole.total / 2));
    expect(paged.items.map((p) => p.personId)).toEqual((whole.people as Ranked[]).map((p) => p.personId));
    const contacts = await pages<Ranked>(`/api/v1/controllers?scope=national&${Q}&method=contacts`, 'contacts', 2);
    expect(contacts.items.map((c) => c.rank)).toEqual(contacts.items.map((_, i) => i + 1));
    const people = await pages<{ personId: string }>(`/api/v1/people?scope=national&${Q}`, 'people', 3);
    expect(people.items.map((p) => p.personId)).toEqual([...people.items.map((p) => p.personId)].sort());
    expect(new Set(people.items.map((p) => p.personId))).toEqual(new Set((whole.people as Ranked[]).map((p) => p.personId)));
  });

  it('refuses a cursor from another list or a made-up one, and says when the list changed between pages', async () => {
    const first = ok(await get(`/api/v1/controllers?scope=national&${Q}&limit=1`));
    const cursor = first.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    for (const url of [
      `/api/v1/safeguarding?scope=national&${Q}&cursor=${cursor}`,
      `/api/v1/controllers?scope=national&${Q}&include=victims&cursor=${cursor}`,
      `/api/v1/controllers?scope=national&month=${MARCH}&months=2&cursor=${cursor}`,
      `/api/v1/controllers?scope=national&${Q}&cursor=not-a-cursor`,
      `/api/v1/controllers?scope=national&${Q}&cursor=${Buffer.from('{"l":1}').toString('base64url')}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('query.bad_cursor');
    }
    // A newcomer reported between two pages: the second page is refused, not silently shifted.
    ok(await upload(ctx.app, forces.LEI.headers, await toXlsx(leicestershire([
      nominalRow({ 'Nominal Ref': 'LEI-N009', 'Line Ref': 'LEI-L002', Surname: 'Newman', Forenames: 'Neil', DOB: d('1990-01-01') }),
    ]))), 201);
    const res = await get(`/api/v1/controllers?scope=national&${Q}&limit=1&cursor=${cursor}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('query.list_changed');
  });

  it("lists the window's resolved people with their records, within the caller's scope, and audits every id returned", async () => {
    const { items } = await pages<{ personId: string; names: string[]; sources: Source[]; pncIds: string[]; dob: string | null; flags: Flags; rank: number | null }>(
      `/api/v1/people?scope=national&${Q}`, 'people', 2,
    );
    const john = byName(items, 'SMITH')!;
    expect(john.sources.map((s) => s.ref)).toEqual(['LEI-N001', 'NTH-77']);
    expect(byName(items, 'DOE')).toMatchObject({ rank: null, flags: { child: true, exploited: true } });
    // Every nominal row of the window is some listed person's source record.
    expect(items.flatMap((p) => p.sources).map((s) => `${s.force}|${s.ref}`).sort()).toEqual(
      ['LEI-N001', 'LEI-N002', 'LEI-N003', 'LEI-N004', 'LEI-N005', 'LEI-N009'].map((r) => `LEI|${r}`).concat('NTH|NTH-77'),
    );
    // A force analyst sees their own force's people only; another scope is refused.
    const own = ok(await get(`/api/v1/people?${Q}&limit=100`, forces.NTH));
    expect(own.window.forces).toEqual(['NTH']);
    expect(own.people.flatMap((p: { sources: Source[] }) => p.sources.map((s) => s.force))).toEqual(['NTH']);
    expect((await get(`/api/v1/people?scope=LEI&${Q}`, forces.NTH)).statusCode).toBe(403);
    const audit = ok(await get(`/api/v1/audit?action=people.list&user=${nclcc.userId}&limit=100`, admin)) as { detail: { people: string[] } }[];
    expect(new Set(audit.flatMap((r) => r.detail.people))).toEqual(new Set(items.map((p) => p.personId)));
  });

  it('explains each factor of a score in a sentence', async () => {
    const controllers = ok(await get(`/api/v1/controllers?scope=national&${Q}&limit=100`)).people as Ranked[];
    const john = byName(controllers, 'SMITH')!;
    const text = Object.fromEntries(john.factors.map((f) => [f.factor, f.text]));
    expect(text.direction).toBe('directs 1 person who runs 1 line in LEI and NTH; recorded as directed by no one');
    expect(text.rolePrior).toBe('recorded by forces as CONTROLLER');
    expect(text.persistence).toBe("reported in 1 of the window's 1 month");
    const everyone = ok(await get(`/api/v1/controllers?scope=national&${Q}&include=victims&limit=100`)).people as Ranked[];
    const kai = byName(everyone, 'DOE')!;
    expect(kai.factors.find((f) => f.factor === 'direction')!.text).toBe(
      "directs 2 people who run 1 line in LEI and NTH; recorded as a child, so presumed under someone's control though no one is named as directing them",
    );
    const mark = byName(controllers, 'JONES')!;
    expect(mark.factors.find((f) => f.factor === 'direction')!.text).toBe('directs no one on record; recorded as directed by JOHN SMITH, so not the top of their chain');
  });
});
