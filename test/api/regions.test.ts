import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../matrix/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { countRows, countSheetRows } from '../helpers/sql.js';
import { upload } from '../helpers/upload.js';
import { unsafeCells } from '../helpers/xlsx-safety.js';
import { d, forceReturn, lineRow, nominalRow, ok, type Row } from '../helpers/regional-returns.js';
import { presets, writeReturnWorkbook } from '../world/index.js';
import { forcesOfRegion } from '../../src/reference/forces.js';

// The ROCU analyst's month, end to end through the HTTP API on a real
// database: the East Midlands forces upload, the analyst merges, works the
// review queue, enriches, re-runs after a resubmission, downloads the
// regional return; the co-ordination centre merges the nation.

type Login = Awaited<ReturnType<TestContext['login']>>;
type Person = { id: string; records: { key: string }[]; [k: string]: any };
type Line = Person;

const NOW = new Date('2024-04-15T12:00:00Z');
const MARCH = '2024-03';
const APRIL = '2024-04';
const EM = '/api/v1/regions/EAST_MIDLANDS';
const CONDITIONS = 'Not to be shared outside EMSOU';
const OKAFOR_PAIR = 'person:LEI|LEI-N005||NOT|NOT-N9';

const evidence = (force: string, row: number, sheet = 'Nominals', month = MARCH) => ({ force, month, sheet, row });

/** Leicestershire: JAY (from MET, under investigation) and BUGZY (its own export to Corby, handling code C). */
function leicestershire(month = MARCH, extra: Row[] = []) {
  return forceReturn('LEI', month, [
    lineRow({ 'Line Ref': 'LEI-L001', 'Deal Numbers': '07700 900001', Notes: '=HYPERLINK("http://x")' }),
    lineRow({
      'Line Ref': 'LEI-L002', 'Line Name': 'BUGZY', 'Deal Numbers': '+44 7700 900002', 'Exporting Force': 'LEI', 'Exporting Area': 'Leicester',
      'Importing Areas': 'NTH:Corby', 'Investigation Status': 'INTEL_ONLY', 'Handling Code': 'C', 'Handling Conditions': CONDITIONS,
    }),
  ], [
    nominalRow({ 'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L001', Role: 'CONTROLLER', Surname: 'SMITH', Forenames: 'John', DOB: d('1990-05-01'), 'PNC ID': '98/1234567L' }),
    nominalRow({ 'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L002', Role: 'LINE_HOLDER', Surname: 'SMITH', Forenames: 'John' }),
    nominalRow({ 'Nominal Ref': 'LEI-N004', 'Line Ref': 'LEI-L001', Surname: 'Ahmed', Forenames: 'Mohammed', DOB: d('2003-04-05') }),
    nominalRow({ 'Nominal Ref': 'LEI-N005', 'Line Ref': 'LEI-L001', Role: 'ASSOCIATE', Surname: 'Okafor', Forenames: 'Daniel', DOB: d('2002-03-11') }),
    nominalRow({ 'Nominal Ref': 'LEI-N006', 'Line Ref': 'LEI-L001', Surname: '+Reilly', Forenames: 'Pat', DOB: d('1995-02-02') }),
    ...extra,
  ]);
}

/** Northamptonshire: the same two lines as an importing force, under other refs and number formats. */
function northamptonshire(month = MARCH) {
  return forceReturn('NTH', month, [
    lineRow({ 'Line Ref': 'NTH-L1', 'Deal Numbers': '+447700900001', 'Importing Areas': 'NTH:Kettering' }),
    lineRow({
      'Line Ref': 'NTH-L2', 'Line Name': 'BUGZY', 'Deal Numbers': '447700900002', 'Exporting Force': 'LEI', 'Exporting Area': 'Leicester',
      'Importing Areas': 'NTH:Corby', 'Investigation Status': 'INTEL_ONLY',
    }),
  ], [
    nominalRow({ 'Nominal Ref': 'NTH-77', 'Line Ref': 'NTH-L1', Role: 'CONTROLLER', Surname: 'Smyth', Forenames: 'Jon', 'PNC ID': '98/1234567L' }),
    nominalRow({ 'Nominal Ref': 'NTH-78', 'Line Ref': 'NTH-L1', Surname: 'Ahmad', Forenames: 'Muhammad', DOB: d('2003-04-05') }),
    nominalRow({ 'Nominal Ref': 'NTH-79', 'Line Ref': 'NTH-L2', Role: 'LINE_HOLDER', Surname: 'Kerr', Forenames: 'Lee', DOB: d('1999-01-01') }),
  ]);
}

/**
 * Nottinghamshire: another Met line (from Brixton, Lambeth by another name) into Nottingham, with a
 * Danny Okafor (no DOB) who may be Leicestershire's Daniel (on JAY, from Lambeth; Leicestershire records him only
 * as an associate, so their roles are not compared).
 */
const nottinghamshire = () =>
  forceReturn('NOT', MARCH, [
    lineRow({
      'Line Ref': 'NOT-L9', 'Line Name': 'ZED', 'Deal Numbers': '07700 900900', 'Exporting Force': 'MET', 'Exporting Area': 'Brixton',
      'Importing Areas': 'NOT:Nottingham', 'Investigation Status': 'INTEL_ONLY',
    }),
  ], [nominalRow({ 'Nominal Ref': 'NOT-N9', 'Line Ref': 'NOT-L9', Role: 'LINE_HOLDER', Surname: 'Okafor', Forenames: 'Danny' })]);

describe('the ROCU analyst merges the East Midlands for a month', () => {
  let ctx: TestContext;
  /** The service's clock: fixed, moved on by a test where order in time matters. */
  let clock = NOW;
  let emsou: Login;
  let ersou: Login;
  let nclcc: Login;
  let admin: Login;
  const analysts: Record<string, Login> = {};
  const returnIds: Record<string, string> = {};

  const get = (url: string, who: Login) => ctx.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (url: string, who: Login, payload: object) => ctx.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const send = async (force: string, fx: ReturnType<typeof forceReturn>) => {
    const body = ok(await upload(ctx.app, analysts[force].headers, await toXlsx(fx)), 201);
    returnIds[force] = body.id;
    return body;
  };
  const merge = async (month = MARCH, who = emsou, region = 'EAST_MIDLANDS') =>
    ok(await post(`/api/v1/regions/${region}/merges`, who, { month }), 201);
  const peopleOf = async (mergeId: string, region = 'EAST_MIDLANDS', who = emsou): Promise<Person[]> =>
    ok(await get(`/api/v1/regions/${region}/merges/${mergeId}/people?limit=1000`, who)).people;
  const personWith = (people: Person[], key: string) => people.find((p) => p.records.some((r) => r.key === key))!;
  const keysOf = (people: Person[]) => people.map((p) => p.records.map((r) => r.key).sort().join(' + ')).sort();

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => clock });
    for (const force of ['LEI', 'NTH', 'DER', 'NOT', 'KNT']) analysts[force] = await ctx.login('FORCE_ANALYST', { force });
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    ersou = await ctx.login('ROCU_ANALYST', { region: 'EASTERN' });
    nclcc = await ctx.login('NCLCC_ANALYST');
    admin = await ctx.login('ADMIN');
    await send('LEI', leicestershire());
    await send('NTH', northamptonshire());
    await send('DER', forceReturn('DER', MARCH, [], []));
    await send('NOT', nottinghamshire());
  });
  afterAll(() => ctx.close());

  let first: { id: string; [k: string]: unknown };
  let people: Person[];
  it('lists forces with no accepted return as missing and a nil return as nil', async () => {
    first = await merge();
    expect(first).toMatchObject({ scope: 'EAST_MIDLANDS', month: MARCH, alerts: 3, reviewPairs: 1 });
    expect(first.missing).toEqual({
      region: 'EAST_MIDLANDS', month: MARCH, expected: ['DER', 'LEI', 'LIN', 'NOT', 'NTH'], missing: ['LIN'], nil: ['DER'], reporting: ['LEI', 'NOT', 'NTH'],
    });
    expect((first.returns as { force: string; version: number; nilReturn: boolean }[]).map((r) => `${r.force}:${r.version}:${r.nilReturn}`).sort())
      .toEqual(['DER:1:true', 'LEI:1:false', 'NOT:1:false', 'NTH:1:false']);
    expect(first.stats).toMatchObject({ returns: 3, rows: { lines: 5, nominals: 9 }, records: { people: 8, lines: 5 }, entities: { people: 6, lines: 3 } });
    expect(ok(await get(`${EM}/merges/${first.id}`, emsou))).toMatchObject({ id: first.id, alerts: 3, reviewPairs: 1 });
  });

  it('resolves people across forces: one PNC ID is one person, a transliterated name with the same DOB is merged, with provenance', async () => {
    people = await peopleOf(first.id);
    expect(keysOf(people)).toEqual([
      'LEI|LEI-N001 + NTH|NTH-77', 'LEI|LEI-N004 + NTH|NTH-78', 'LEI|LEI-N005', 'LEI|LEI-N006', 'NOT|NOT-N9', 'NTH|NTH-79',
    ]);
    const smith = personWith(people, 'LEI|LEI-N001');
    expect(smith.forces).toEqual(['LEI', 'NTH']);
    expect(smith.confidence).toBe(1);
    expect(smith.edges).toEqual([expect.objectContaining({ basis: 'PNC', weight: null, explanation: 'matched on PNC ID 98/1234567L', summary: 'same PNC ID 98/1234567L: certainly one person' })]);
    expect(smith.pncIds).toEqual([{ value: '98/1234567L', sources: [evidence('LEI', 2), evidence('NTH', 2)] }]);
    expect(smith.surnames).toEqual([
      { value: 'SMITH', sources: [evidence('LEI', 2), evidence('LEI', 3)] },
      { value: 'Smyth', sources: [evidence('NTH', 2)] },
    ]);
    expect(smith.dobs).toEqual([{ value: '1990-05-01', sources: [evidence('LEI', 2)] }]);

    const ahmed = personWith(people, 'LEI|LEI-N004');
    const [edge] = ahmed.edges;
    expect(edge.basis).toBe('SCORE');
    expect(edge.weight).toBeGreaterThanOrEqual(ctx.config.MATCH_UPPER ?? 4);
    expect(edge.explanation).toMatch(/^match weight \d+\.\d \(p=[01]\.\d{4}\): /);
    // In words, as a review pair is: no level codes, weights only at the end.
    expect(edge.summary).toMatch(/^same date of birth \d\d\/\d\d\/\d{4}; .*forenames are forms of one name: .* \(match weight \d+\.\d, probability 1\.00\)$/);
    expect(edge.summary).not.toMatch(/EXACT|SHARED|NICKNAME/);
    expect(edge.evidence.every((e: { text?: string }) => typeof e.text === 'string' && e.text.length > 0)).toBe(true);
    expect(Object.fromEntries(edge.evidence.map((e: { comparison: string; level: string }) => [e.comparison, e.level]))).toMatchObject({
      forenames: 'NICKNAME_OR_VARIANT', dob: 'EXACT', sharedLine: 'SHARED',
    });
    expect(ahmed.forenames.map((f: { value: string }) => f.value).sort()).toEqual(['Mohammed', 'Muhammad']);
  });

  it('resolves lines on their E.164 deal number across the exporting and importing forces', async () => {
    const lines: Line[] = ok(await get(`${EM}/merges/${first.id}/lines?limit=1000`, emsou)).lines;
    expect(keysOf(lines)).toEqual(['LEI|LEI-L001 + NTH|NTH-L1', 'LEI|LEI-L002 + NTH|NTH-L2', 'NOT|NOT-L9']);
    const jay = personWith(lines, 'LEI|LEI-L001');
    expect(jay.dealNumbers).toEqual([{ value: '+447700900001', sources: [evidence('LEI', 2, 'Lines'), evidence('NTH', 2, 'Lines')] }]);
    expect(jay.edges).toEqual([expect.objectContaining({ basis: 'DEAL_NUMBER', explanation: 'matched on deal number +447700900001', summary: expect.stringMatching(/^same deal number \+447700900001: certainly one line/) })]);
    expect(jay.importingAreas.map((a: { value: string }) => a.value).sort()).toEqual(['LEI:Loughborough', 'LEI:Market Harborough', 'NTH:Kettering']);
    const bugzy = personWith(lines, 'LEI|LEI-L002');
    expect(bugzy.exportingForces).toEqual([{ value: 'LEI', sources: [evidence('LEI', 3, 'Lines'), evidence('NTH', 3, 'Lines')] }]);
    expect(bugzy.handlingConditions).toEqual([CONDITIONS]);
    expect(bugzy.investigations.map((i: { force: string; ref: string; status: string }) => `${i.force}:${i.ref}:${i.status}`)).toEqual([
      'LEI:LEI-L002:INTEL_ONLY', 'NTH:NTH-L2:INTEL_ONLY',
    ]);
  });

  it('raises a deconfliction alert for each line and person under active investigation in two forces, naming forces and refs', async () => {
    const alerts = ok(await get(`${EM}/merges/${first.id}/alerts?limit=1000`, emsou)).alerts;
    const jayId = (ok(await get(`${EM}/merges/${first.id}/lines?limit=1000`, emsou)).lines as Line[]).find((l) => l.records.some((r) => r.key === 'LEI|LEI-L001'))!.id;
    const smith = personWith(people, 'LEI|LEI-N001');
    const ahmed = personWith(people, 'LEI|LEI-N004');
    const forces = (lei: string, nth: string, leiLine = 'LEI-L001', nthLine = 'NTH-L1') => [
      { force: 'LEI', refs: [lei], lineRefs: [leiLine], months: [MARCH] },
      { force: 'NTH', refs: [nth], lineRefs: [nthLine], months: [MARCH] },
    ];
    expect(alerts).toEqual(expect.arrayContaining([
      { key: `line:${jayId}`, kind: 'line', entityId: jayId, label: 'JAY', forces: forces('LEI-L001', 'NTH-L1'), message: 'Line JAY is under active investigation by 2 forces: LEI (LEI-L001), NTH (NTH-L1).' },
      {
        key: `person:${smith.id}`, kind: 'person', entityId: smith.id, label: 'SMITH, John (1990-05-01)', forces: forces('LEI-N001', 'NTH-77'),
        message: 'Person SMITH, John (1990-05-01) is under active investigation by 2 forces: LEI (LEI-N001), NTH (NTH-77).',
      },
      expect.objectContaining({ kind: 'person', entityId: ahmed.id, forces: forces('LEI-N004', 'NTH-78') }),
    ]));
    expect(alerts).toHaveLength(3);
  });

  it("refuses another region's ROCU analyst and a force analyst", async () => {
    for (const who of [ersou, analysts.LEI]) {
      expect((await post(`${EM}/merges`, who, { month: MARCH })).statusCode).toBe(403);
      expect((await get(`${EM}/merges/${first.id}`, who)).statusCode).toBe(403);
      expect((await get(`${EM}/merges/${first.id}/people`, who)).statusCode).toBe(403);
      expect((await get(`${EM}/merges/${first.id}/export.xlsx`, who)).statusCode).toBe(403);
      expect((await get(`${EM}/review`, who)).statusCode).toBe(403);
      expect((await post(`${EM}/review/${encodeURIComponent(OKAFOR_PAIR)}`, who, { decision: 'same' })).statusCode).toBe(403);
    }
    // The Eastern analyst asking for an East Midlands merge under their own region's path learns nothing either.
    expect((await get(`/api/v1/regions/EASTERN/merges/${first.id}`, ersou)).statusCode).toBe(403);
  });

  it('queues the uncertain pair with both records side by side and the evidence', async () => {
    const queue = ok(await get(`${EM}/review`, emsou));
    expect(queue.mergeId).toBe(first.id);
    expect(queue.pairs).toHaveLength(1);
    const [pair] = queue.pairs;
    expect(pair).toMatchObject({
      id: OKAFOR_PAIR, kind: 'person', reason: 'BETWEEN_THRESHOLDS', decision: null,
      a: { key: 'LEI|LEI-N005', force: 'LEI', ref: 'LEI-N005', months: [MARCH], mergedId: personWith(people, 'LEI|LEI-N005').id, fields: { surname: ['Okafor'], forenames: ['Daniel'], dob: ['2002-03-11'] } },
      b: { key: 'NOT|NOT-N9', force: 'NOT', ref: 'NOT-N9', months: [MARCH], mergedId: personWith(people, 'NOT|NOT-N9').id, fields: { surname: ['Okafor'], forenames: ['Danny'], dob: [] } },
    });
    expect(pair.weight).toBeGreaterThanOrEqual(3);
    expect(pair.weight).toBeLessThan(4);
    expect(Object.fromEntries(pair.evidence.map((e: { comparison: string; level: string }) => [e.comparison, e.level]))).toMatchObject({
      surname: 'EXACT', forenames: 'NICKNAME_OR_VARIANT', dob: 'MISSING',
    });
  });

  let notOkaforId = '';
  let leiOkaforId = '';
  it('stores ROCU enrichments with author and time without touching the forces\' data', async () => {
    notOkaforId = personWith(people, 'NOT|NOT-N9').id;
    leiOkaforId = personWith(people, 'LEI|LEI-N005').id;
    const smith = personWith(people, 'LEI|LEI-N001');
    const jay = (ok(await get(`${EM}/merges/${first.id}/lines?limit=1000`, emsou)).lines as Line[]).find((l) => l.records.some((r) => r.key === 'LEI|LEI-L001'))!;
    const lineRowsBefore = await countSheetRows(ctx.database, 'lines');
    const note = ok(await post(`${EM}/enrichments`, emsou, { kind: 'note', personId: notOkaforId, text: 'Seen with Daniel Okafor in Leicester' }), 201);
    expect(note).toMatchObject({ kind: 'note', createdAt: NOW.toISOString() });
    expect(note.authorName).toMatch(/^rocu_analyst-/);
    ok(await post(`${EM}/enrichments`, emsou, { kind: 'ocg', lineId: jay.id, ocgUrn: 'OCG-EM-77' }), 201);
    ok(await post(`${EM}/enrichments`, emsou, { kind: 'association', personId: smith.id, targetPersonId: leiOkaforId, relationship: 'DIRECTS' }), 201);
    expect((await post(`${EM}/enrichments`, emsou, { kind: 'association', personId: smith.id, relationship: 'DIRECTS' })).statusCode).toBe(400);
    const self = await post(`${EM}/enrichments`, emsou, { kind: 'association', personId: smith.id, targetPersonId: smith.id, relationship: 'DIRECTS' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('enrichment.self');
    expect((await post(`${EM}/enrichments`, emsou, { kind: 'note', personId: 'P-NOSUCHPERSON', text: 'x' })).statusCode).toBe(404);
    expect(await countSheetRows(ctx.database, 'lines')).toBe(lineRowsBefore);
  });

  let second: { id: string; [k: string]: unknown };
  it('records a decision with who and when, honours it in the next merge and keeps the retired id resolving', async () => {
    const decided = ok(await post(`${EM}/review/${encodeURIComponent(OKAFOR_PAIR)}`, emsou, { decision: 'same' }));
    expect(decided).toMatchObject({ id: OKAFOR_PAIR, decision: 'same', decidedAt: NOW.toISOString(), history: 1 });
    const queue = ok(await get(`${EM}/review`, emsou));
    expect(queue.pairs[0].decision).toEqual({ decision: 'same', decidedBy: emsou.userId, decidedAt: NOW.toISOString() });

    second = await merge();
    expect(second).toMatchObject({ reviewPairs: 0 });
    expect((ok(await get(`${EM}/review`, emsou))).pairs).toEqual([]);
    people = await peopleOf(second.id);
    const okafor = personWith(people, 'LEI|LEI-N005');
    expect(okafor.records.map((r) => r.key)).toEqual(['LEI|LEI-N005', 'NOT|NOT-N9']);
    expect(okafor.edges).toEqual([expect.objectContaining({ basis: 'DECISION', explanation: 'analyst decision: same', summary: 'an analyst decided they are the same' })]);
    // The smaller of the two ids survives; the other is retired and still leads to the person.
    const [survivor, retired] = [leiOkaforId, notOkaforId].sort();
    expect(okafor.id).toBe(survivor);
    expect(people.some((p) => p.id === retired)).toBe(false);
    const viaRetired = ok(await get(`/api/v1/people/${retired}?month=${MARCH}&months=1`, emsou));
    expect(viaRetired.person.id).toBe(survivor);
    expect(viaRetired.person.records.map((r: { key: string }) => r.key)).toEqual(['LEI|LEI-N005', 'NOT|NOT-N9']);
    // The note made on the NOT record's id before the join is on the joined person.
    expect(okafor.notes).toEqual([{ text: 'Seen with Daniel Okafor in Leicester', author: emsou.userId, createdAt: NOW.toISOString() }]);
    // An enrichment made on the retired id now lands on the survivor.
    clock = new Date(NOW.getTime() + 60_000);
    ok(await post(`${EM}/enrichments`, emsou, { kind: 'note', personId: retired, text: 'Uses a Leicester address' }), 201);
    const third = await merge();
    const again = personWith(await peopleOf(third.id), 'NOT|NOT-N9');
    expect(again.id).toBe(survivor);
    expect(again.notes.map((n: { text: string }) => n.text)).toEqual(['Seen with Daniel Okafor in Leicester', 'Uses a Leicester address']);
  });

  it('shows enrichments in later merges and in the graph', async () => {
    const latest = ok(await get(`${EM}/merges`, emsou)).merges[0];
    const lines: Line[] = ok(await get(`${EM}/merges/${latest.id}/lines?limit=1000`, emsou)).lines;
    const jay = personWith(lines, 'LEI|LEI-L001');
    expect(jay.ocgUrns).toEqual([{ urn: 'OCG-EM-77', source: 'ROCU', sources: [], author: emsou.userId }]);
    const smith = personWith(people, 'LEI|LEI-N001');
    const graph = ok(await get(`/api/v1/network/${smith.id}?month=${MARCH}&months=1&depth=1`, emsou));
    const survivor = [leiOkaforId, notOkaforId].sort()[0];
    const rocu = graph.edges.filter((e: { attributes: { sources?: string[] } }) => e.attributes.sources?.includes('ROCU'));
    expect(rocu).toEqual([expect.objectContaining({ key: `DIRECTS:person:${smith.id}->person:${survivor}`, source: `person:${smith.id}`, target: `person:${survivor}` })]);
    expect(rocu[0].attributes).toMatchObject({ type: 'DIRECTS', sources: ['ROCU'], forces: ['EAST_MIDLANDS'], evidence: [{ force: 'EAST_MIDLANDS', month: APRIL, sheet: 'ROCU', row: expect.any(Number) }] });
  });

  it('reverses a decision with undecided and records a different decision', async () => {
    const undo = ok(await post(`${EM}/review/${encodeURIComponent(OKAFOR_PAIR)}`, emsou, { decision: 'undecided' }));
    expect(undo).toMatchObject({ decision: 'undecided', history: 2 });
    const reverted = await merge();
    expect(reverted).toMatchObject({ reviewPairs: 1 });
    const split = await peopleOf(reverted.id);
    expect(personWith(split, 'LEI|LEI-N005').id).not.toBe(personWith(split, 'NOT|NOT-N9').id);
    expect(ok(await get(`${EM}/review`, emsou)).pairs.map((p: { id: string; decision: unknown }) => [p.id, p.decision])).toEqual([[OKAFOR_PAIR, null]]);

    ok(await post(`${EM}/review/${encodeURIComponent(OKAFOR_PAIR)}`, emsou, { decision: 'different' }));
    const apart = await merge();
    expect(apart).toMatchObject({ reviewPairs: 0, stats: expect.objectContaining({ decisionsApplied: 1 }) });
    const after = await peopleOf(apart.id);
    expect(personWith(after, 'LEI|LEI-N005').id).not.toBe(personWith(after, 'NOT|NOT-N9').id);
    expect(await countRows(ctx.database, 'review_decisions')).toBe(3);
    expect((await post(`${EM}/review/${encodeURIComponent('person:LEI|X||NTH|Y')}`, emsou, { decision: 'same' })).statusCode).toBe(404);
  });

  it('picks up a resubmission when re-run and keeps person ids across merges and months', async () => {
    const smithId = personWith(people, 'LEI|LEI-N001').id;
    const v2 = await send('LEI', leicestershire(MARCH, [
      nominalRow({ 'Nominal Ref': 'LEI-N007', 'Line Ref': 'LEI-L002', Surname: 'Varga', Forenames: 'Istvan', DOB: d('2001-07-07') }),
    ]));
    expect(v2.version).toBe(2);
    const rerun = await merge();
    expect((rerun.returns as { force: string; returnId: string; version: number }[]).find((r) => r.force === 'LEI')).toMatchObject({ returnId: v2.id, version: 2 });
    const now = await peopleOf(rerun.id);
    expect(personWith(now, 'LEI|LEI-N007').surnames).toEqual([{ value: 'Varga', sources: [evidence('LEI', 7)] }]);
    expect(personWith(now, 'LEI|LEI-N001').id).toBe(smithId);

    await send('LEI', leicestershire(APRIL));
    await send('NTH', northamptonshire(APRIL));
    const april = await merge(APRIL);
    expect(april.missing).toMatchObject({ missing: ['DER', 'LIN', 'NOT'], nil: [], reporting: ['LEI', 'NTH'] });
    const aprilPeople = await peopleOf(april.id);
    expect(personWith(aprilPeople, 'NTH|NTH-77').id).toBe(smithId);
    expect(personWith(aprilPeople, 'LEI|LEI-N004').id).toBe(personWith(now, 'LEI|LEI-N004').id);
  });

  it('exports the regional return with handling conditions on C rows and formula-like text neutralised', async () => {
    const latest = ok(await get(`${EM}/merges`, emsou)).merges.find((m: { month: string }) => m.month === MARCH);
    const res = await get(`${EM}/merges/${latest.id}/export.xlsx`, emsou);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="regional-return-EAST_MIDLANDS-${MARCH}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Return', 'Lines', 'Nominals', 'Deconfliction', 'Missing Returns', 'Review Queue']);
    const table = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const rows: Record<string, ExcelJS.CellValue>[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
      });
      return rows;
    };
    const lines = table('Lines');
    expect(lines.map((l) => `${l['Source Force']}:${l['Line Ref']}:${l['Handling Code']}:${l['Handling Conditions'] ?? ''}`).sort()).toEqual([
      `LEI:LEI-L001:P:`, `LEI:LEI-L002:C:${CONDITIONS}`, 'NOT:NOT-L9:P:', 'NTH:NTH-L1:P:', 'NTH:NTH-L2:P:',
    ]);
    const jay = lines.find((l) => l['Line Ref'] === 'LEI-L001')!;
    expect(jay.Notes).toBe(`'=HYPERLINK("http://x")`);
    expect(jay['OCG URN']).toBeNull();
    expect(jay['Merged Line ID']).toBe(lines.find((l) => l['Line Ref'] === 'NTH-L1')!['Merged Line ID']);
    expect(await unsafeCells(res.rawPayload)).toEqual([]);
    expect(jay['Deal Numbers']).toBe('+447700900001');
    const nominals = table('Nominals');
    expect(nominals.find((n) => n['Nominal Ref'] === 'LEI-N006')!.Surname).toBe("'+Reilly");
    const held = nominals.filter((n) => n['Line Ref'] === 'LEI-L002');
    expect(held.map((n) => `${n['Nominal Ref']}:${n['Handling Code']}:${n['Handling Conditions']}`).sort()).toEqual([
      `LEI-N001:C:${CONDITIONS}`, `LEI-N007:C:${CONDITIONS}`,
    ]);
    const smithRows = nominals.filter((n) => ['LEI-N001', 'NTH-77'].includes(String(n['Nominal Ref'])));
    expect(new Set(smithRows.map((n) => n['Merged Nominal ID'])).size).toBe(1);
    expect(table('Missing Returns')).toEqual([
      { Force: 'LIN', 'Force Name': 'Lincolnshire', Status: 'MISSING' },
      { Force: 'DER', 'Force Name': 'Derbyshire', Status: 'NIL_RETURN' },
    ]);
    expect(table('Deconfliction').map((r) => `${r.Kind}:${r.Forces}`).sort()).toEqual(['line:LEI; NTH', 'person:LEI; NTH', 'person:LEI; NTH']);
  });

  it('resolves across regions nationally, and an id retired by the national merge still resolves and takes enrichments', async () => {
    await send('KNT', forceReturn('KNT', MARCH, [
      lineRow({ 'Line Ref': 'KNT-1', 'Line Name': 'OSCAR', 'Deal Numbers': '07700 900555', 'Importing Areas': 'KNT:Margate', 'Investigation Status': 'INTEL_ONLY' }),
    ], [nominalRow({ 'Nominal Ref': 'KNT-SMITH', 'Line Ref': 'KNT-1', Role: 'CONTROLLER', Surname: 'Smith', Forenames: 'Johnny', 'PNC ID': '98/1234567L' })]));
    const eastern = await merge(MARCH, ersou, 'EASTERN');
    const kentId = personWith(await peopleOf(eastern.id, 'EASTERN', ersou), 'KNT|KNT-SMITH').id;
    const smithId = personWith(people, 'LEI|LEI-N001').id;
    expect(kentId).not.toBe(smithId);
    expect((await post('/api/v1/regions/NATIONAL/merges', emsou, { month: MARCH })).statusCode).toBe(403);

    const national = await merge(MARCH, nclcc, 'NATIONAL');
    const nationalSmith = personWith(await peopleOf(national.id, 'NATIONAL', nclcc), 'KNT|KNT-SMITH');
    expect(nationalSmith.records.map((r) => r.key)).toEqual(['KNT|KNT-SMITH', 'LEI|LEI-N001', 'NTH|NTH-77']);
    const [survivor, retired] = [kentId, smithId].sort();
    expect(nationalSmith.id).toBe(survivor);

    // The Eastern analyst still knows Kent's person by the id their last merge gave it.
    const who = retired === kentId ? ersou : emsou;
    const region = retired === kentId ? 'EASTERN' : 'EAST_MIDLANDS';
    const viaRetired = ok(await get(`/api/v1/people/${retired}?month=${MARCH}&months=1`, who));
    expect(viaRetired.person.id).toBe(survivor);
    ok(await post(`/api/v1/regions/${region}/enrichments`, who, { kind: 'note', personId: retired, text: 'Travels to Kent weekly' }), 201);
    const rerun = await merge(MARCH, who, region);
    const joined = (await peopleOf(rerun.id, region, who)).find((p) => p.id === survivor)!;
    expect(joined.notes.map((n: { text: string }) => n.text)).toContain('Travels to Kent weekly');
  });

  const AHMED_PAIR = 'person:LEI|LEI-N004||NTH|NTH-78';
  it('lets the analyst split two records the merge joined on its own, and join them again', async () => {
    const joined = await peopleOf((await merge()).id);
    expect(personWith(joined, 'LEI|LEI-N004').id).toBe(personWith(joined, 'NTH|NTH-78').id);
    expect(ok(await post(`${EM}/review/${encodeURIComponent(AHMED_PAIR)}`, emsou, { decision: 'different' }))).toMatchObject({ decision: 'different', history: 1 });
    const split = await peopleOf((await merge()).id);
    expect(personWith(split, 'LEI|LEI-N004').id).not.toBe(personWith(split, 'NTH|NTH-78').id);
    ok(await post(`${EM}/review/${encodeURIComponent(AHMED_PAIR)}`, emsou, { decision: 'same' }));
    const again = await peopleOf((await merge()).id);
    expect(personWith(again, 'LEI|LEI-N004').id).toBe(personWith(again, 'NTH|NTH-78').id);
  });

  it('writes the merge, the review decisions and the export to the audit log', async () => {
    const audit = async (action: string) => ok(await get(`/api/v1/audit?action=${action}&limit=1000`, admin)) as { userId: string; targetId: string; status: number; targetKind: string }[];
    const merges = await audit('merges.run');
    expect(merges.filter((e) => e.targetId === first.id)).toEqual([expect.objectContaining({ userId: emsou.userId, status: 201, targetKind: 'merge' })]);
    expect(merges.filter((e) => e.userId === ersou.userId).map((e) => e.status)).toEqual(expect.arrayContaining([403, 201]));
    const decisions = (await audit('review.decide')).filter((e) => e.status === 200);
    expect(decisions.map((e) => e.targetId)).toEqual([AHMED_PAIR, AHMED_PAIR, OKAFOR_PAIR, OKAFOR_PAIR, OKAFOR_PAIR]);
    expect((await audit('merges.export')).filter((e) => e.status === 200)).toEqual([expect.objectContaining({ userId: emsou.userId, targetKind: 'merge' })]);
  });
});

describe('a generated region month, messy workbooks and all', () => {
  // One month of the small preset: East Midlands and MET, name variants, missing DOBs, PNC IDs
  // only sometimes, varied phone formats, force-local refs, nil and missing returns.
  const world = presets.small(5, {
    months: ['2026-01'], importingForcesPerLine: [2, 3], visibility: 2, noise: { missingReturn: 0.15, nilReturn: 0.15 },
  });
  const month = '2026-01';
  const EM_FORCES = forcesOfRegion('EAST_MIDLANDS');
  let ctx: TestContext;
  let emsou: Login;
  let summary: { id: string; missing: { missing: string[]; nil: string[] } };
  let people: Person[];
  let lines: Line[];

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => new Date('2026-02-10T09:00:00Z') });
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    for (const [i, ret] of world.returns.filter((r) => EM_FORCES.includes(r.meta.force)).entries()) {
      const analyst = await ctx.login('FORCE_ANALYST', { force: ret.meta.force });
      ok(await upload(ctx.app, analyst.headers, await writeReturnWorkbook(ret, { messy: true, seed: i + 1 })), 201);
    }
    summary = ok(await ctx.app.inject({ method: 'POST', url: `${EM}/merges`, headers: emsou.headers, payload: { month } }), 201);
    people = ok(await ctx.app.inject({ method: 'GET', url: `${EM}/merges/${summary.id}/people?limit=1000`, headers: emsou.headers })).people;
    lines = ok(await ctx.app.inject({ method: 'GET', url: `${EM}/merges/${summary.id}/lines?limit=1000`, headers: emsou.headers })).lines;
  });
  afterAll(() => ctx?.close());

  const emReturns = () => world.returns.filter((r) => EM_FORCES.includes(r.meta.force));
  const entityOf = (entities: Person[]) => new Map(entities.flatMap((e) => e.records.map((r) => [r.key, e.id] as const)));

  it('reports exactly the forces that sent nothing and the nil returns', () => {
    const sent = new Set(emReturns().map((r) => r.meta.force));
    expect(summary.missing.missing).toEqual(EM_FORCES.filter((f) => !sent.has(f)).sort());
    expect(summary.missing.nil).toEqual(emReturns().filter((r) => r.meta.nilReturn).map((r) => r.meta.force).sort());
    expect(world.truth.missingReturns.filter((m) => EM_FORCES.includes(m.force)).map((m) => m.force).sort()).toEqual(summary.missing.missing);
    expect(summary.missing.missing).toHaveLength(1);
  });

  it('puts every record into exactly one entity, joins every shared deal number and PNC ID, and matches the truth closely', () => {
    const personOf = entityOf(people);
    const lineOf = entityOf(lines);
    const personKeys = [...new Set(emReturns().flatMap((r) => r.nominals.map((n) => `${r.meta.force}|${n.ref}`)))];
    const lineKeys = [...new Set(emReturns().flatMap((r) => r.lines.map((l) => `${r.meta.force}|${l.ref}`)))];
    expect([...personOf.keys()].sort()).toEqual(personKeys.sort());
    expect([...lineOf.keys()].sort()).toEqual(lineKeys.sort());

    const byValue = (pairs: [string, string][]) => {
      const m = new Map<string, Set<string>>();
      for (const [value, key] of pairs) m.set(value, (m.get(value) ?? new Set()).add(key));
      return [...m.values()];
    };
    const numberGroups = byValue(emReturns().flatMap((r) => r.lines.flatMap((l) => l.dealNumbers.map((n) => [n, `${r.meta.force}|${l.ref}`] as [string, string]))));
    for (const keys of numberGroups) expect(new Set([...keys].map((k) => lineOf.get(k))).size).toBe(1);
    const pncGroups = byValue(emReturns().flatMap((r) => r.nominals.flatMap((n) => (n.pncId ? [[n.pncId.replace(/\/0+/, '/'), `${r.meta.force}|${n.ref}`] as [string, string]] : []))));
    expect(pncGroups.some((keys) => new Set([...keys].map((k) => k.split('|')[0])).size > 1)).toBe(true);
    for (const keys of pncGroups) expect(new Set([...keys].map((k) => personOf.get(k))).size).toBe(1);

    // Pairwise precision and recall of people against the generator's truth.
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const missed: [string, string][] = [];
    for (let i = 0; i < personKeys.length; i++) {
      for (let j = i + 1; j < personKeys.length; j++) {
        const same = world.truth.personOfRecord.get(personKeys[i]) === world.truth.personOfRecord.get(personKeys[j]);
        const merged = personOf.get(personKeys[i]) === personOf.get(personKeys[j]);
        if (same && merged) tp++;
        else if (merged) fp++;
        else if (same) {
          fn++;
          missed.push([personKeys[i], personKeys[j]]);
        }
      }
    }
    expect(tp).toBeGreaterThanOrEqual(10);
    expect(fp).toBe(0);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.75);
    // What the merge misses in one small month are pairs that share no identifier at all (names alone, with variants).
    const nominalOf = (key: string) => {
      const [force, ref] = key.split('|');
      return emReturns().filter((r) => r.meta.force === force).flatMap((r) => r.nominals).filter((n) => n.ref === ref);
    };
    const identifiers = (key: string) => new Set(nominalOf(key).flatMap((n) => [n.dob && `dob:${n.dob}`, n.pncId && `pnc:${n.pncId.replace(/\/0+/, '/')}`, ...n.phoneNumbers.map((p) => `tel:${p}`)]).filter(Boolean));
    for (const [a, b] of missed) expect([...identifiers(a)].filter((x) => identifiers(b).has(x))).toEqual([]);
  });

  it('raises an alert for every true line deconfliction between East Midlands forces', async () => {
    const alerts: { kind: string; entityId: string; forces: { force: string }[] }[] = ok(
      await ctx.app.inject({ method: 'GET', url: `${EM}/merges/${summary.id}/alerts?limit=1000`, headers: emsou.headers }),
    ).alerts;
    const lineOf = entityOf(lines);
    const expected = world.truth.deconflictions
      .filter((x) => x.kind === 'line' && x.month === month)
      .map((x) => ({ id: x.id, forces: x.forces.filter((f) => EM_FORCES.includes(f)).sort() }))
      .filter((x) => x.forces.length >= 2);
    expect(expected.length).toBeGreaterThan(0);
    for (const x of expected) {
      const merged = new Set([...world.truth.lineOfRecord].filter(([k, id]) => id === x.id && lineOf.has(k)).map(([k]) => lineOf.get(k)));
      const alert = alerts.find((a) => a.kind === 'line' && merged.has(a.entityId));
      expect(alert?.forces.map((f) => f.force)).toEqual(expect.arrayContaining(x.forces));
    }
    const lineAlerts = alerts.filter((a) => a.kind === 'line');
    expect(lineAlerts.length).toBeGreaterThanOrEqual(expected.length);
    for (const a of lineAlerts) {
      const line = lines.find((l) => l.id === a.entityId)!;
      const active = line.investigations.filter((i: { status: string }) => i.status === 'ACTIVE_INVESTIGATION').map((i: { force: string }) => i.force);
      expect(a.forces.map((f) => f.force)).toEqual([...new Set(active)].sort());
    }
  });
});
