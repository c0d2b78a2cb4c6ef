import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, parseXml } from '../graph/xml-check.js';
import { toXlsx } from '../matrix/fixtures.js';
import { d, forceReturn, lineRow, nominalRow, ok } from '../helpers/regional-returns.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';
import { allText } from '../helpers/xlsx-safety.js';

// Issue #12, point 4: every route that shows people names all of them in its
// audit entry (`detail.people`), not just the one asked about. For each route
// the ids the audit records are compared with the person ids in the response
// itself, read the way a recipient would read it (JSON, GraphML, GEXF, xlsx).

type Login = Awaited<ReturnType<TestContext['login']>>;
const NOW = new Date('2024-04-15T12:00:00Z');
const MONTH = '2024-03';
const WINDOW = `month=${MONTH}&months=1`;
const PERSON_ID = /^P-[0-9A-Z]+$/;

/** Two lines across three forces: a controller known to two of them, a child runner, and an Okafor pair left for review. */
const RETURNS = {
  LEI: forceReturn('LEI', MONTH, [lineRow({ 'Line Ref': 'LEI-L001', 'Deal Numbers': '07700 900001' })], [
    nominalRow({ 'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L001', Role: 'CONTROLLER', Surname: 'SMITH', Forenames: 'John', DOB: d('1990-05-01'), 'PNC ID': '98/1234567L' }),
    nominalRow({ 'Nominal Ref': 'LEI-N002', 'Line Ref': 'LEI-L001', Surname: 'DOE', Forenames: 'Jamie', DOB: d('2009-09-10'), Vulnerabilities: 'MISSING_EPISODES', Exploited: 'YES', 'Exploited By': 'LEI-N001', 'Safeguarding Referral': 'YES' }),
    nominalRow({ 'Nominal Ref': 'LEI-N005', 'Line Ref': 'LEI-L001', Role: 'ASSOCIATE', Surname: 'Okafor', Forenames: 'Daniel', DOB: d('2002-03-11') }),
  ]),
  NTH: forceReturn('NTH', MONTH, [lineRow({ 'Line Ref': 'NTH-L1', 'Deal Numbers': '+447700900001', 'Importing Areas': 'NTH:Kettering' })], [
    nominalRow({ 'Nominal Ref': 'NTH-77', 'Line Ref': 'NTH-L1', Role: 'CONTROLLER', Surname: 'Smyth', Forenames: 'Jon', 'PNC ID': '98/1234567L' }),
    nominalRow({ 'Nominal Ref': 'NTH-78', 'Line Ref': 'NTH-L1', Surname: 'Kerr', Forenames: 'Lee', DOB: d('1999-01-01') }),
  ]),
  NOT: forceReturn('NOT', MONTH, [
    lineRow({ 'Line Ref': 'NOT-L9', 'Line Name': 'ZED', 'Deal Numbers': '07700 900900', 'Exporting Force': 'MET', 'Exporting Area': 'Brixton', 'Importing Areas': 'NOT:Nottingham' }),
  ], [nominalRow({ 'Nominal Ref': 'NOT-N9', 'Line Ref': 'NOT-L9', Role: 'LINE_HOLDER', Surname: 'Okafor', Forenames: 'Danny' })]),
};

describe('the audit log names every person a response shows', () => {
  let ctx: TestContext;
  let emsou: Login;
  let mergeId: string;
  let controllerId: string;
  let lineId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    for (const [force, fx] of Object.entries(RETURNS)) {
      const analyst = await ctx.login('FORCE_ANALYST', { force });
      ok(await upload(ctx.app, analyst.headers, await toXlsx(fx)), 201);
    }
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    mergeId = ok(await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: emsou.headers, payload: { month: MONTH } }), 201).id;
    const ranked = ok(await get(`/api/v1/controllers?${WINDOW}`)).people as { personId: string; lines: string[] }[];
    controllerId = ranked[0].personId;
    lineId = ranked[0].lines[0];
  });
  afterAll(() => ctx?.close());

  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: emsou.headers });

  /** The `detail.people` of the newest audit entry for this action. */
  async function auditedPeople(action: string): Promise<string[]> {
    await ctx.app.services.audit.drain();
    const [entry] = await ctx.app.services.audit.list({ action, limit: 1 });
    const people = (entry.detail as { people?: string[] }).people;
    expect(people, `${action}: ${JSON.stringify(entry.detail).slice(0, 300)}`).toBeDefined();
    expect(new Set(people).size, `${action}: each id once`).toBe(people!.length);
    return people!;
  }

  async function expectAudited(action: string, shown: Iterable<string>) {
    const ids = [...new Set(shown)];
    expect(ids.every((id) => PERSON_ID.test(id)), ids.join()).toBe(true);
    expect((await auditedPeople(action)).sort()).toEqual(ids.sort());
  }

  const xlsxPeople = async (body: Buffer) => (await allText(body)).filter((t) => PERSON_ID.test(t));

  it('a merge\'s people, alerts and lines', async () => {
    const { people } = ok(await get(`/api/v1/regions/EAST_MIDLANDS/merges/${mergeId}/people?limit=1000`)) as { people: { id: string }[] };
    expect(people.length).toBeGreaterThanOrEqual(4);
    await expectAudited('merges.people', people.map((p) => p.id));

    const { alerts } = ok(await get(`/api/v1/regions/EAST_MIDLANDS/merges/${mergeId}/alerts?limit=1000`)) as { alerts: { kind: string; entityId: string }[] };
    expect(alerts.some((a) => a.kind === 'person')).toBe(true);
    await expectAudited('merges.alerts', alerts.filter((a) => a.kind === 'person').map((a) => a.entityId));

    ok(await get(`/api/v1/regions/EAST_MIDLANDS/merges/${mergeId}/lines`));
    await expectAudited('merges.lines', []);
  });

  it("a merge's regional return workbook", async () => {
    const res = await get(`/api/v1/regions/EAST_MIDLANDS/merges/${mergeId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    await expectAudited('merges.export', await xlsxPeople(res.rawPayload));
  });

  it('the review queue', async () => {
    const queue = ok(await get('/api/v1/regions/EAST_MIDLANDS/review')) as { pairs: { kind: string; a: { mergedId: string }; b: { mergedId: string } }[] };
    expect(queue.pairs.some((p) => p.kind === 'person')).toBe(true);
    await expectAudited('review.list', queue.pairs.filter((p) => p.kind === 'person').flatMap((p) => [p.a.mergedId, p.b.mergedId]));
  });

  it('the ranked controllers, by structure and by contacts, and their briefing workbook', async () => {
    const byStructure = ok(await get(`/api/v1/controllers?${WINDOW}`)).people as { personId: string }[];
    await expectAudited('controllers.rank', byStructure.map((p) => p.personId));
    const byContacts = ok(await get(`/api/v1/controllers?${WINDOW}&method=contacts`)).contacts as { personId: string }[];
    await expectAudited('controllers.rank', byContacts.map((p) => p.personId));
    const res = await get(`/api/v1/controllers/export.xlsx?${WINDOW}`);
    expect(res.statusCode).toBe(200);
    await expectAudited('controllers.export', await xlsxPeople(res.rawPayload));
  });

  it('the safeguarding list, with the controllers above each person', async () => {
    const list = ok(await get(`/api/v1/safeguarding?${WINDOW}`)).people as { personId: string; controllersAbove: { personId: string }[] }[];
    expect(list.some((p) => p.controllersAbove.length > 0)).toBe(true);
    await expectAudited('safeguarding.list', list.flatMap((p) => [p.personId, ...p.controllersAbove.map((c) => c.personId)]));
  });

  it('a person and a line, with everyone linked in the answer', async () => {
    const person = ok(await get(`/api/v1/people/${controllerId}?${WINDOW}`)) as { person: { id: string }; links: { personId: string }[] };
    await expectAudited('people.read', [person.person.id, ...person.links.map((l) => l.personId)]);
    const line = ok(await get(`/api/v1/lines/${lineId}?${WINDOW}`)) as { links: { personId: string }[] };
    expect(new Set(line.links.map((l) => l.personId)).size).toBeGreaterThan(1);
    await expectAudited('lines.read', line.links.map((l) => l.personId));
  });

  it("a person's network, as JSON, GraphML and GEXF", async () => {
    const base = `/api/v1/network/${controllerId}?${WINDOW}&depth=4`;
    const graph = ok(await get(`${base}&format=json`)) as { nodes: { key: string; attributes: { kind: string; id?: string } }[] };
    const inJson = graph.nodes.filter((n) => n.attributes.kind === 'person').map((n) => n.attributes.id!);
    expect(inJson.length).toBeGreaterThan(2);
    await expectAudited('network.read', inJson);
    for (const format of ['graphml', 'gexf']) {
      const res = await get(`${base}&format=${format}`);
      expect(res.statusCode).toBe(200);
      const ids = findAll(parseXml(res.body), 'node').map((n) => n.attrs.id).filter((k) => k.startsWith('person:')).map((k) => k.slice('person:'.length));
      await expectAudited('network.read', ids);
    }
  });
});
