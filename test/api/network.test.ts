import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedReturn } from '../../src/matrix/model.js';
import { rocAuc } from '../graph/evaluate.js';
import { findAll, parseXml, type XmlElement } from '../graph/xml-check.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';
import { readWorkbookRows, setCells, type WorkbookRows } from '../helpers/workbook-rows.js';
import { allText, unsafeCells } from '../helpers/xlsx-safety.js';
import { presets, writeReturnWorkbook, type Tier } from '../world/index.js';

// The national co-ordination centre's questions (issue #5), asked through the
// HTTP API of a real app on a real database, about a small synthetic world
// whose truth is known: six forces (East Midlands + MET) upload their own
// returns for February and March 2026; the centre, a ROCU and a force analyst
// then ask who controls the lines, who is exploited beneath them, and for the
// evidence. Access rules and the audit trail are those of issue #6.

type Login = Awaited<ReturnType<TestContext['login']>>;
type Evidence = { force: string; month: string; sheet: string; row: number };
type Flags = { child: boolean; exploited: boolean; vulnerable: boolean };
type Ranked = {
  personId: string; rank: number | null; overallRank: number; score: number; flags: Flags; names: string[]; forces: string[]; lines: string[]; handlingConditions: string[];
  factors: { factor: string; contribution: number; normalised: number; weight: number; evidence: Evidence[] }[];
};
type Link = { personId: string; lineId: string; role: string; month: string; force: string; nominalRef: string; lineRef: string; evidence: Evidence };

const NOW = new Date('2026-04-10T12:00:00Z');
const WINDOW = ['2026-02', '2026-03'];
const Q = 'month=2026-03&months=2';
const world = presets.small(1);

// Hostile text a force analyst might paste: what a spreadsheet would run (CWE-1236).
const INJECTED_SURNAME = "=cmd|' /C calc'!A0";
const INJECTED_CONDITION = "@SUM(1+1)*cmd|' /C calc'!A0";
const INJECTED_FORCE = 'LEI';
const NEW_SURNAME = 'QUILLFEATHER';

const key = (force: string, ref: string) => `${force}|${ref}`.toUpperCase();
const truePersonOf = new Map([...world.truth.personOfRecord].map(([k, v]) => [k.toUpperCase(), v]));
const tierOf = new Map(world.truth.people.map((p) => [p.id, p.tier]));
const CONTROLLING: readonly Tier[] = ['controller', 'supplier'];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The window's returns, with hostile text typed into one street-level nominal of LEI's March return (name and handling conditions). */
function preparedReturns(): { returns: ParsedReturn[]; injectedRef: string } {
  const returns = structuredClone(world.returns.filter((r) => WINDOW.includes(r.meta.month)));
  const lei = returns.find((r) => r.meta.force === INJECTED_FORCE && r.meta.month === '2026-03')!;
  const target = lei.nominals.find((n) => ['RUNNER', 'STREET_DEALER'].includes(n.role) && n.handlingCode === 'P')!;
  // As parsed back: the raw text goes into the workbook after it is written (see `upload` below).
  for (const n of lei.nominals.filter((x) => x.ref === target.ref)) {
    Object.assign(n, { surname: INJECTED_SURNAME, forenames: null, streetNames: ['ZEDDY'], handlingCode: 'C', handlingConditions: INJECTED_CONDITION });
  }
  return { returns, injectedRef: target.ref };
}

describe('the co-ordination centre asks who controls the lines, through the API', () => {
  let ctx: TestContext;
  let nclcc: Login;
  let emsou: Login;
  let lei: Login;
  let admin: Login;
  const analysts = new Map<string, Login>();
  const { returns, injectedRef } = preparedReturns();
  const uploaded = new Map<string, WorkbookRows>();

  // Filled by the first test from the API's own answers.
  let ranked: Ranked[] = [];
  let contacts: { personId: string; rank: number | null; overallRank: number; policeContacts: number }[] = [];
  const recordsOf = new Map<string, Set<string>>();
  const linksOf = new Map<string, Link[]>();

  const get = (url: string, who: Login) => ctx.app.inject({ method: 'GET', url, headers: who.headers });
  const json = async (url: string, who: Login) => {
    const res = await get(url, who);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };
  /** Every item of a paged list, following nextCursor a small page at a time. */
  const all = async <T = any>(url: string, field: string, who: Login, limit = 37): Promise<T[]> => {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const body: { nextCursor: string | null; total: number } & Record<string, unknown> = await json(`${url}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, who);
      out.push(...(body[field] as T[]));
      cursor = body.nextCursor;
      if (!cursor) expect(out.length).toBe(body.total);
    } while (cursor);
    return out;
  };
  /** The first of the controlling minds (the list with everyone may open with an exploited person). */
  const first = () => ranked.find((r) => r.rank === 1)!;
  const tierOfPerson = (personId: string): Tier | undefined => {
    const tiers = [...(recordsOf.get(personId) ?? [])].map((k) => tierOf.get(truePersonOf.get(k)!)!);
    // An over-merged person counts as the most senior tier among the people in it.
    return (['supplier', 'controller', 'middle', 'street'] as const).find((t) => tiers.includes(t));
  };
  const nominalRowsOf = (personId: string) =>
    returns.flatMap((r) => r.nominals.filter((n) => recordsOf.get(personId)?.has(key(r.meta.force, n.ref))).map((n) => ({ ...n, force: r.meta.force, month: r.meta.month })));
  /** The merged person holding a force's nominal ref ('' when none does). */
  const personOfRef = (force: string, ref: string) => [...recordsOf].find(([, records]) => records.has(key(force, ref)))?.[0] ?? '';
  /** The uploaded row an evidence item cites, read back from the workbook the force sent. */
  const cited = (e: Evidence) => uploaded.get(`${e.force}|${e.month}`)?.row(e.sheet, e.row);

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    [nclcc, emsou, lei, admin] = await Promise.all([
      ctx.login('NCLCC_ANALYST'),
      ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' }),
      ctx.login('FORCE_ANALYST', { force: 'LEI' }),
      ctx.login('ADMIN'),
    ]);
    for (const ret of returns) {
      const force = ret.meta.force;
      if (!analysts.has(force)) analysts.set(force, await ctx.login('FORCE_ANALYST', { force }));
      let buffer = await writeReturnWorkbook(ret, { messy: true, seed: 11 });
      if (force === INJECTED_FORCE && ret.meta.month === '2026-03') {
        const edited = await setCells(buffer, 'Nominals', { column: 'Nominal Ref', equals: injectedRef }, {
          Surname: INJECTED_SURNAME, 'Handling Conditions': INJECTED_CONDITION,
        });
        expect(edited.rows).toBeGreaterThanOrEqual(1);
        buffer = edited.buffer;
      }
      const res = await upload(ctx.app, analysts.get(force)!.headers, buffer);
      expect(res.statusCode, `${force} ${ret.meta.month}: ${res.body.slice(0, 500)}`).toBe(201);
      uploaded.set(`${force}|${ret.meta.month}`, await readWorkbookRows(buffer));
    }
  });
  afterAll(() => ctx?.close());

  it('ranks the true controlling minds above street level, and far better than police contacts do', async () => {
    const body = await json(`/api/v1/controllers?scope=national&${Q}&limit=5`, nclcc);
    expect(body.window).toEqual({ scope: 'NATIONAL', forces: expect.arrayContaining(['LEI', 'MET']), months: WINDOW });
    expect(body.method).toBe('structure');
    // Everyone, children and exploited people included (flagged), to measure the scoring itself.
    ranked = await all(`/api/v1/controllers?scope=national&${Q}&include=victims`, 'people', nclcc);
    expect(ranked.map((r) => r.overallRank)).toEqual(ranked.map((_, i) => i + 1));
    expect(ranked.length).toBe(body.total + body.leftOut);
    contacts = await all(`/api/v1/controllers?scope=national&${Q}&method=contacts&include=victims`, 'contacts', nclcc);
    expect(contacts.length).toBe(ranked.length);

    // Who each merged person truly is, from the lines' links (force, nominal ref → the world's truth).
    const lineIds = [...new Set(ranked.flatMap((r) => r.lines))];
    for (const id of lineIds) {
      for (const l of (await json(`/api/v1/lines/${id}?scope=national&${Q}`, nclcc)).links as Link[]) {
        if (!recordsOf.has(l.personId)) recordsOf.set(l.personId, new Set());
        recordsOf.get(l.personId)!.add(key(l.force, l.nominalRef));
        linksOf.set(l.personId, [...(linksOf.get(l.personId) ?? []), l]);
      }
    }
    expect(ranked.every((r) => recordsOf.has(r.personId) && tierOfPerson(r.personId))).toBe(true);

    const isPos = (id: string) => CONTROLLING.includes(tierOfPerson(id)!);
    const isNeg = (id: string) => tierOfPerson(id) === 'street';
    const structural = ranked.filter((r) => isPos(r.personId)).map((r) => r.overallRank);
    const byContacts = contacts.filter((c) => isPos(c.personId)).map((c) => c.overallRank);
    const street = ranked.filter((r) => isNeg(r.personId)).map((r) => r.overallRank);
    const k = structural.length;
    const auc = rocAuc(ranked.filter((r) => isPos(r.personId)).map((r) => r.score), ranked.filter((r) => isNeg(r.personId)).map((r) => r.score));
    const aucContacts = rocAuc(contacts.filter((c) => isPos(c.personId)).map((c) => c.policeContacts), contacts.filter((c) => isNeg(c.personId)).map((c) => c.policeContacts));
    const precision = ranked.slice(0, k).filter((r) => isPos(r.personId)).length / k;
    const precisionContacts = contacts.slice(0, k).filter((c) => isPos(c.personId)).length / k;
    // Among controllers and street level only (line holders, enforcers and recruiters are upstream of runners too).
    const precisionVsStreet = ranked.filter((r) => isPos(r.personId) || isNeg(r.personId)).slice(0, k).filter((r) => isPos(r.personId)).length / k;
    console.info(
      `network ranking over ${ranked.length} people, ${k} true controllers/suppliers, ${street.length} street level: ` +
        `mean rank structural ${mean(structural).toFixed(1)} vs contacts ${mean(byContacts).toFixed(1)} (street ${mean(street).toFixed(1)}); ` +
        `AUC ${auc.toFixed(3)} vs ${aucContacts.toFixed(3)}; precision@${k} ${precision.toFixed(2)} vs ${precisionContacts.toFixed(2)} (vs street only ${precisionVsStreet.toFixed(2)})`,
    );
    expect(k).toBeGreaterThanOrEqual(6);
    expect(street.length).toBeGreaterThanOrEqual(40);
    expect(auc).toBeGreaterThanOrEqual(0.95);
    expect(aucContacts).toBeLessThan(0.6);
    expect(precision).toBeGreaterThanOrEqual(0.5);
    expect(precisionContacts).toBe(0);
    expect(precisionVsStreet).toBe(1);
    expect(mean(structural)).toBeLessThan(mean(byContacts) / 3);
    expect(mean(structural)).toBeLessThan(mean(street) / 3);
    // The side-by-side view gives each person's structural rank next to the old one.
    const structuralRank = new Map(ranked.map((r) => [r.personId, r.rank]));
    const side = (await json(`/api/v1/controllers?scope=national&${Q}&limit=5&method=contacts&include=victims`, nclcc)).contacts;
    expect(side.map((c: { structuralRank: number; personId: string }) => c.structuralRank)).toEqual(side.map((c: { personId: string }) => structuralRank.get(c.personId)));
  });

  it('explains every score by its factors, with evidence rows that are real rows of the uploaded returns', () => {
    const factorNames = ['upstreamLines', 'direction', 'intermediaries', 'brokerage', 'exploitationBelow', 'persistence', 'intelWeight', 'insulation', 'rolePrior'];
    let rows = 0;
    for (const r of ranked) {
      expect(r.factors.map((f) => f.factor).sort()).toEqual([...factorNames].sort());
      expect(r.factors.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(r.score, 9);
      for (const f of r.factors) {
        expect(f.contribution).toBeCloseTo(f.weight * f.normalised, 12);
        for (const e of f.evidence) {
          expect(WINDOW).toContain(e.month);
          const row = cited(e);
          expect(row, `${r.personId} ${f.factor} cites ${JSON.stringify(e)}`).toBeDefined();
          // A cited nominal row is a person the merge holds.
          if (e.sheet === 'Nominals') expect(personOfRef(e.force, row!['nominal ref'])).not.toBe('');
          rows++;
        }
        // A person's own rows stand behind their recorded role and their persistence.
        if (f.factor === 'persistence' || f.factor === 'rolePrior') {
          expect(f.evidence.length).toBeGreaterThan(0);
          for (const e of f.evidence) expect(recordsOf.get(r.personId)).toContain(key(e.force, cited(e)!['nominal ref']));
        }
      }
    }
    expect(rows).toBeGreaterThan(ranked.length * 4);
  });

  it('lists the exploited and vulnerable people on the lines, children first, each with the controllers above them', async () => {
    const people = await all<{
      personId: string; group: string; age: number | null; exploited: string; vulnerabilities: string[]; safeguardingReferral: string | null;
      nrmReferral: string | null; controllersAbove: { personId: string; rank: number }[]; evidence: Evidence[]; handlingConditions: string[];
    }>(`/api/v1/safeguarding?scope=national&${Q}`, 'people', nclcc, 20);
    const listed = new Set(people.map((p) => p.personId));
    const groups = people.map((p) => p.group);
    const order = { CHILD: 0, EXPLOITED: 1, VULNERABLE: 2 } as Record<string, number>;
    expect(groups).toEqual([...groups].sort((a, b) => order[a] - order[b]));
    const children = people.filter((p) => p.group === 'CHILD');
    console.info(`safeguarding: ${people.length} people, ${children.length} children; groups ${JSON.stringify(Object.fromEntries(['CHILD', 'EXPLOITED', 'VULNERABLE'].map((g) => [g, groups.filter((x) => x === g).length])))}`);
    expect(children.length).toBeGreaterThanOrEqual(3);
    for (const c of children) expect(c.age).toBeLessThan(18);
    const rankOf = new Map(ranked.map((r) => [r.personId, r.rank]));
    const overallRankOf = new Map(ranked.map((r) => [r.personId, r.overallRank]));
    let aboveAreControllers = 0;
    for (const p of people) {
      expect(p.exploited === 'YES' || p.vulnerabilities.length > 0 || p.group === 'CHILD').toBe(true);
      expect(['street', 'middle']).toContain(tierOfPerson(p.personId));
      expect(p.controllersAbove.map((a) => a.rank)).toEqual([...p.controllersAbove.map((a) => a.rank)].sort((a, b) => a - b));
      for (const a of p.controllersAbove) {
        expect(rankOf.get(a.personId)).toBe(a.rank);
        expect(overallRankOf.get(a.personId)).toBeLessThan(overallRankOf.get(p.personId)!);
        // No one on this list is named as a controller above anyone (issue #11 point 3).
        expect(listed.has(a.personId), a.personId).toBe(false);
      }
      if (p.controllersAbove.length && CONTROLLING.includes(tierOfPerson(p.controllersAbove[0].personId)!)) aboveAreControllers++;
      // Their own rows, in the returns as uploaded.
      for (const e of p.evidence) expect(recordsOf.get(p.personId)).toContain(key(e.force, cited(e)!['nominal ref']));
      // Referrals as the forces recorded them: YES on any row, else NO on any, else UNKNOWN.
      const rows = nominalRowsOf(p.personId);
      for (const field of ['safeguardingReferral', 'nrmReferral'] as const) {
        const said = rows.map((n) => n[field]);
        expect(p[field], `${p.personId} ${field}`).toBe(said.includes('YES') ? 'YES' : said.includes('NO') ? 'NO' : 'UNKNOWN');
      }
    }
    expect(aboveAreControllers / people.length).toBeGreaterThanOrEqual(0.5);
    expect(people.some((p) => p.safeguardingReferral === 'YES')).toBe(true);
    expect(people.some((p) => p.nrmReferral === 'YES')).toBe(true);
  });

  it('profiles a person with every line, role, month and force they were reported in, and the row behind each fact', async () => {
    const top = first();
    const body = await json(`/api/v1/people/${top.personId}?scope=national&${Q}`, nclcc);
    expect(body.rank).toBe(1);
    expect(body.person.id).toBe(top.personId);
    expect(new Set(body.person.records.map((r: { force: string; ref: string }) => key(r.force, r.ref)))).toEqual(recordsOf.get(top.personId));
    // One link per row the forces sent about them in the window.
    const rows = nominalRowsOf(top.personId);
    const expected = rows.map((n) => `${n.force}|${n.month}|${n.lineRef}|${n.role}`.toUpperCase()).sort();
    const links = body.links as Link[];
    expect(links.map((l) => `${l.force}|${l.month}|${l.lineRef}|${l.role}`.toUpperCase()).sort()).toEqual(expected);
    expect(body.person.forces).toEqual([...new Set(rows.map((n) => n.force))].sort());
    expect(body.person.months).toEqual([...new Set(rows.map((n) => n.month))].sort());
    expect(new Set(links.map((l) => l.lineId))).toEqual(new Set(top.lines));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const l of links) {
      const row = cited(l.evidence)!;
      expect([row['nominal ref'], row['line ref']].map((x) => x.toUpperCase())).toEqual([l.nominalRef, l.lineRef]);
    }
    // Provenance of each merged value: rows of this person's records.
    let sources = 0;
    for (const field of ['surnames', 'forenames', 'dobs', 'pncIds', 'streetNames'] as const) {
      for (const v of body.person[field] as { value: string; sources: Evidence[] }[]) {
        for (const e of v.sources) {
          expect(recordsOf.get(top.personId)).toContain(key(e.force, cited(e)!['nominal ref']));
          sources++;
        }
      }
    }
    expect(sources).toBeGreaterThanOrEqual(rows.length);
  });

  it("profiles a line with its names, numbers and areas from each force's row, and everyone on it", async () => {
    const lineId = first().lines[0];
    const body = await json(`/api/v1/lines/${lineId}?scope=national&${Q}`, nclcc);
    expect(body.line.id).toBe(lineId);
    const records = new Set(body.line.records.map((r: { force: string; ref: string }) => key(r.force, r.ref)));
    const lineRows = returns.flatMap((r) => r.lines.filter((l) => records.has(key(r.meta.force, l.ref))).map((l) => ({ ...l, force: r.meta.force, month: r.meta.month })));
    expect(body.line.months).toEqual([...new Set(lineRows.map((l) => l.month))].sort());
    expect(body.line.forces).toEqual([...new Set(lineRows.map((l) => l.force))].sort());
    expect(body.line.dealNumbers.map((d: { value: string }) => d.value).sort()).toEqual([...new Set(lineRows.flatMap((l) => l.dealNumbers))].sort());
    for (const field of ['names', 'dealNumbers', 'exportingAreas', 'importingAreas'] as const) {
      for (const v of body.line[field] as { sources: Evidence[] }[]) {
        for (const e of v.sources) expect(records).toContain(key(e.force, cited(e)!['line ref']));
      }
    }
    const onLine = returns.flatMap((r) => r.nominals.filter((n) => records.has(key(r.meta.force, n.lineRef))).map((n) => key(r.meta.force, n.ref)));
    expect(body.links.map((l: Link) => key(l.force, l.nominalRef)).sort()).toEqual(onLine.sort());
  });

  it('answers 404 for an unknown person or line, and 4xx (never 500) for ids that look like paths', async () => {
    for (const [url, code] of [
      [`/api/v1/people/P-0000000000?scope=national&${Q}`, 'person.not_found'],
      [`/api/v1/lines/L-0000000000?scope=national&${Q}`, 'line.not_found'],
      [`/api/v1/network/P-0000000000?scope=national&${Q}`, 'person.not_found'],
    ]) {
      const res = await get(url, nclcc);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe(code);
    }
    for (const url of [
      `/api/v1/people/..%2F..%2Fetc?scope=national&${Q}`,
      `/api/v1/people/..%2F..%2Fetc%2Fpasswd?scope=national&${Q}`,
      `/api/v1/people/%2e%2e%2f%2e%2e%2fetc?scope=national&${Q}`,
      `/api/v1/people/..%5C..%5Cwindows%5Cwin.ini?scope=national&${Q}`,
      `/api/v1/people/P-1%00?scope=national&${Q}`,
      `/api/v1/people/${'..%2F'.repeat(12)}etc?scope=national&${Q}`,
      `/api/v1/lines/..%2F..%2Fetc?scope=national&${Q}`,
      `/api/v1/network/..%2F..%2Fetc?format=graphml&scope=national&${Q}`,
      `/api/v1/network/..%2F..%2Fetc?format=gexf&scope=national&${Q}`,
      '/api/v1/people/..%2F..%2Fetc',
    ]) {
      const res = await get(url, nclcc);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.code, url).toMatch(/^[a-z_]+\.[a-z_.]+$/);
      expect(res.body, url).not.toMatch(/\bat .*\.(ts|js):\d+|stack|select |postgres/i);
      expect(res.headers['content-disposition'], url).toBeUndefined();
    }
  });

  it("gives a person's network as JSON, GraphML and GEXF, with them and their lines in it", async () => {
    const top = first();
    const base = `/api/v1/network/${top.personId}?scope=national&${Q}&depth=1`;
    const jsonRes = await get(`${base}&format=json`, nclcc);
    expect(jsonRes.statusCode).toBe(200);
    expect(jsonRes.headers['content-type']).toMatch(/^application\/json/);
    const graph = jsonRes.json() as { nodes: { key: string; attributes: Record<string, unknown> }[]; edges: { source: string; target: string; attributes: { type: string } }[] };
    const keys = new Set(graph.nodes.map((n) => n.key));
    const me = `person:${top.personId}`;
    const myLines = top.lines.map((l) => `line:${l}`);
    expect([...keys]).toEqual(expect.arrayContaining([me, ...myLines]));
    const onLine = graph.edges.filter((e) => e.source === me && e.attributes.type === 'ON_LINE').map((e) => e.target);
    expect(onLine.sort()).toEqual([...myLines].sort());
    // Depth 1: everything is next to the person.
    for (const k of keys) if (k !== me) expect(graph.edges.some((e) => (e.source === me && e.target === k) || (e.target === me && e.source === k))).toBe(true);

    for (const format of ['graphml', 'gexf'] as const) {
      const res = await get(`${base}&format=${format}`, nclcc);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(new RegExp(`^application/${format}\\+xml`));
      expect(res.headers['content-disposition']).toBe(`attachment; filename="network-${top.personId}.${format}"`);
      const root: XmlElement = parseXml(res.body);
      expect(root.name).toBe(format);
      const nodes = findAll(root, 'node').map((n) => n.attrs.id);
      const edges = findAll(root, 'edge').map((e) => `${e.attrs.source}>${e.attrs.target}`);
      expect(new Set(nodes)).toEqual(keys);
      expect(edges.length).toBe(graph.edges.length);
      for (const l of myLines) expect(edges).toContain(`${me}>${l}`);
    }
    const deeper = await json(`/api/v1/network/${top.personId}?scope=national&${Q}&depth=2`, nclcc);
    expect(deeper.nodes.length).toBeGreaterThan(graph.nodes.length);
  });

  it('exports a briefing workbook in which no text can run as a formula', async () => {
    const res = await get(`/api/v1/controllers/export.xlsx?scope=national&${Q}&limit=1000`, nclcc);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="controllers-NATIONAL-2026-03.xlsx"');
    const buffer = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Controllers', 'Safeguarding']);
    // Children and exploited people are on the Safeguarding sheet, not ranked as controllers.
    expect(wb.getWorksheet('Controllers')!.actualRowCount).toBe(ranked.filter((r) => r.rank !== null).length + 1);
    expect(await unsafeCells(buffer)).toEqual([]);
    // The hostile name and conditions came through, defused, not dropped.
    const injected = personOfRef(INJECTED_FORCE, injectedRef);
    const entry = ranked.find((r) => r.personId === injected)!;
    expect(entry.names[0]).toBe(INJECTED_SURNAME.toUpperCase());
    expect(entry.handlingConditions).toContain(INJECTED_CONDITION);
    const text = await allText(buffer);
    expect(text).toContain(`'${[INJECTED_SURNAME.toUpperCase(), ...entry.names.slice(1)].join('; ')}`);
    expect(text.some((t) => t.startsWith(`'${INJECTED_CONDITION}`))).toBe(true);
  });

  it('carries the handling conditions of every C row into each answer and into the export', async () => {
    const conditionsOf = (personId: string) => new Set(nominalRowsOf(personId).filter((n) => n.handlingCode === 'C').map((n) => n.handlingConditions!));
    const handled = ranked.filter((r) => conditionsOf(r.personId).size > 0);
    expect(handled.length).toBeGreaterThanOrEqual(5);
    for (const r of handled) expect(r.handlingConditions).toEqual(expect.arrayContaining([...conditionsOf(r.personId)]));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(`/api/v1/controllers/export.xlsx?scope=national&${Q}&limit=1000&include=victims`, nclcc)).rawPayload as unknown as ArrayBuffer);
    const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    const cellsBy = (sheet: string, idHeader: string, header: string) => {
      const ws = wb.getWorksheet(sheet)!;
      const head = (ws.getRow(1).values as string[]).map(String);
      const out = new Map<string, string>();
      ws.eachRow((row, n) => n > 1 && out.set(row.getCell(head.indexOf(idHeader)).text, row.getCell(head.indexOf(header)).text));
      return out;
    };
    const exported = cellsBy('Controllers', 'Person ID', 'Handling conditions');
    for (const r of ranked) expect(exported.get(r.personId), r.personId).toBe(safe(r.handlingConditions.join('; ')));
    const conditionsRanked = new Map(ranked.map((r) => [r.personId, r.handlingConditions]));
    const safeguarding = await all<{
      personId: string; handlingConditions: string[]; controllersAbove: { personId: string; handlingConditions: string[] }[];
    }>(`/api/v1/safeguarding?scope=national&${Q}`, 'people', nclcc, 1000);
    const exportedSafeguarding = cellsBy('Safeguarding', 'Person ID', 'Handling conditions');
    expect(safeguarding.filter((p) => p.handlingConditions.length).length).toBeGreaterThanOrEqual(3);
    for (const p of safeguarding) {
      expect(p.handlingConditions).toEqual(expect.arrayContaining([...conditionsOf(p.personId)]));
      for (const a of p.controllersAbove) expect(a.handlingConditions).toEqual(conditionsRanked.get(a.personId));
      // The row names the controllers above, so it carries their conditions too.
      const all = [...new Set([...p.handlingConditions, ...p.controllersAbove.flatMap((a) => a.handlingConditions)])].sort();
      expect(exportedSafeguarding.get(p.personId)).toBe(safe(all.join('; ')));
    }
    const old = await all<Ranked>(`/api/v1/controllers?scope=national&${Q}&method=contacts`, 'contacts', nclcc, 1000);
    for (const c of old) expect(c.handlingConditions).toEqual(conditionsRanked.get(c.personId));

    const person = handled[0];
    const profile = await json(`/api/v1/people/${person.personId}?scope=national&${Q}`, nclcc);
    expect(profile.person.handlingConditions).toEqual(expect.arrayContaining([...conditionsOf(person.personId)]));
    const ego = await json(`/api/v1/network/${person.personId}?scope=national&${Q}&depth=1`, nclcc);
    const node = ego.nodes.find((n: { key: string }) => n.key === `person:${person.personId}`);
    expect(node.attributes.handlingConditions).toEqual(expect.arrayContaining([...conditionsOf(person.personId)]));
    // A line a force marked C keeps its conditions on the line itself.
    const cLines = returns.flatMap((r) => r.lines.filter((l) => l.handlingCode === 'C').map((l) => ({ force: r.meta.force, ref: l.ref, conditions: l.handlingConditions! })));
    expect(cLines.length).toBeGreaterThanOrEqual(2);
    for (const c of cLines) {
      const lineId = [...linksOf.values()].flat().find((l) => key(l.force, l.lineRef) === key(c.force, c.ref))!.lineId;
      expect((await json(`/api/v1/lines/${lineId}?scope=national&${Q}`, nclcc)).line.handlingConditions).toContain(c.conditions);
    }
  });

  it('keeps each analyst to their own scope: a force, a region, or the country', async () => {
    const forbidden = async (url: string, who: Login, code = 'auth.forbidden_scope') => {
      const res = await get(url, who);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe(code);
    };
    const someone = first().personId;
    for (const scope of ['national', 'NATIONAL', 'DER', 'MET', 'EAST_MIDLANDS']) {
      await forbidden(`/api/v1/controllers?scope=${scope}&${Q}`, lei);
      await forbidden(`/api/v1/safeguarding?scope=${scope}&${Q}`, lei);
      await forbidden(`/api/v1/controllers/export.xlsx?scope=${scope}&${Q}`, lei);
      await forbidden(`/api/v1/people/${someone}?scope=${scope}&${Q}`, lei);
      await forbidden(`/api/v1/network/${someone}?scope=${scope}&${Q}`, lei);
    }
    for (const scope of ['national', 'LONDON', 'MET', 'YORKSHIRE_HUMBER']) await forbidden(`/api/v1/controllers?scope=${scope}&${Q}`, emsou);
    await forbidden(`/api/v1/controllers?${Q}`, admin, 'auth.forbidden_role');
    await forbidden(`/api/v1/people/${someone}?${Q}`, admin, 'auth.forbidden_role');
    expect((await get(`/api/v1/controllers?scope=ATLANTIS&${Q}`, nclcc)).statusCode).toBe(400);

    const own = await json(`/api/v1/controllers?${Q}&limit=1000`, lei);
    expect(own.window).toEqual({ scope: 'LEI', forces: ['LEI'], months: WINDOW });
    expect(own.people.every((p: Ranked) => p.forces.join() === 'LEI')).toBe(true);
    const region = await json(`/api/v1/controllers?${Q}&limit=1000`, emsou);
    expect(region.window.scope).toBe('EAST_MIDLANDS');
    expect(region.people.every((p: Ranked) => !p.forces.includes('MET'))).toBe(true);
    expect((await json(`/api/v1/controllers?scope=LEI&${Q}`, emsou)).window.forces).toEqual(['LEI']);

    // Someone only the Met reported: invisible to the East Midlands, visible to the centre.
    const metOnly = ranked.filter((r) => r.forces.join() === 'MET');
    expect(metOnly.length).toBeGreaterThanOrEqual(3);
    expect(ranked.length).toBeGreaterThan(region.total);
    for (const r of metOnly.slice(0, 3)) {
      for (const who of [emsou, lei]) {
        expect((await get(`/api/v1/people/${r.personId}?${Q}`, who)).statusCode).toBe(404);
        expect((await get(`/api/v1/network/${r.personId}?${Q}&format=graphml`, who)).statusCode).toBe(404);
      }
      expect((await get(`/api/v1/people/${r.personId}?scope=national&${Q}`, nclcc)).statusCode).toBe(200);
    }
    // Someone the East Midlands reported keeps one id across scopes, so the region can open them too.
    const leiPerson = ranked.find((r) => r.forces.includes('LEI'))!;
    const seen = await json(`/api/v1/people/${leiPerson.personId}?${Q}`, emsou);
    expect(seen.person.id).toBe(leiPerson.personId);
    expect(seen.person.forces).not.toContain('MET');
  });

  it('spans the month window asked for', async () => {
    const one = await json(`/api/v1/controllers?scope=national&month=2026-03&months=1&limit=1000`, nclcc);
    expect(one.window.months).toEqual(['2026-03']);
    const months = new Set(ranked.flatMap((r) => r.factors.flatMap((f) => f.evidence.map((e) => e.month))));
    expect([...months].sort()).toEqual(WINDOW);
    const oneMonths = new Set((one.people as Ranked[]).flatMap((r) => r.factors.flatMap((f) => f.evidence.map((e) => e.month))));
    expect([...oneMonths]).toEqual(['2026-03']);
    // Someone reported only in February is in the two-month window and not in March alone.
    const february = [...linksOf].filter(([, ls]) => ls.every((l) => l.month === '2026-02')).map(([id]) => id);
    expect(february.length).toBeGreaterThanOrEqual(1);
    expect(one.people.map((p: Ranked) => p.personId)).not.toContain(february[0]);
    expect((await get(`/api/v1/people/${february[0]}?scope=national&month=2026-03&months=1`, nclcc)).statusCode).toBe(404);
    expect((await json(`/api/v1/people/${february[0]}?scope=national&${Q}`, nclcc)).person.months).toEqual(['2026-02']);
    expect((await get(`/api/v1/controllers?scope=national&month=2026-03&months=25`, nclcc)).statusCode).toBe(400);
  });

  it('records every read of personal data in the audit log, with the person', async () => {
    const top = first().personId;
    const rows = (await json(`/api/v1/audit?target=${top}&limit=1000`, admin)) as { action: string; userId: string; status: number; route: string; detail: Record<string, unknown> }[];
    const byNclcc = rows.filter((r) => r.userId === nclcc.userId && r.status === 200);
    expect(byNclcc.filter((r) => r.action === 'people.read').length).toBeGreaterThanOrEqual(1);
    expect(byNclcc.filter((r) => r.action === 'network.read').map((r) => r.detail.network).sort()).toEqual(expect.arrayContaining(['gexf', 'graphml', 'json']));
    expect(rows.find((r) => r.action === 'people.read')!.route).toBe('/api/v1/people/:id');
    const refused = (await json(`/api/v1/audit?user=${lei.userId}&limit=1000`, admin)) as typeof rows;
    expect(refused.filter((r) => r.action === 'people.read' && r.status === 403).length).toBeGreaterThanOrEqual(5);
    // Each refusal names its reason, as refusals at sign-in do.
    expect(new Set(refused.filter((r) => r.status === 403).map((r) => r.detail.refused))).toEqual(new Set(['auth.forbidden_scope']));
    const unknown = (await json(`/api/v1/audit?target=P-0000000000`, admin)) as typeof rows;
    expect(unknown.map((r) => `${r.action}:${r.status}`)).toEqual(expect.arrayContaining(['people.read:404', 'network.read:404']));
    // An export names everyone in it.
    const exports = ((await json(`/api/v1/audit?action=controllers.export&user=${nclcc.userId}`, admin)) as typeof rows).filter((r) => r.status === 200);
    expect(exports.length).toBeGreaterThanOrEqual(1);
    const safeguarding = await all<{ personId: string }>(`/api/v1/safeguarding?scope=national&${Q}`, 'people', nclcc, 1000);
    expect(exports[0].detail.people).toEqual(expect.arrayContaining([...ranked.map((r) => r.personId), ...safeguarding.map((p) => p.personId)]));
    const lists = (await json(`/api/v1/audit?action=controllers.rank&user=${nclcc.userId}`, admin)) as typeof rows;
    expect(lists.some((r) => (r.detail.people as string[] | undefined)?.includes(top))).toBe(true);
  });

  it('answers a repeated question from cache, and a new return changes the answer', async () => {
    const url = `/api/v1/controllers?scope=national&${Q}&limit=1000`;
    const before = await json(url, nclcc);
    expect(await json(url, nclcc)).toEqual(before);
    const der = structuredClone(returns.find((r) => r.meta.force === 'DER' && r.meta.month === '2026-03')!);
    const template = der.nominals.find((n) => n.handlingCode === 'P')!;
    der.nominals.push({
      ...template, row: der.nominals.length + 2, ref: 'NEWCOMER1', role: 'RUNNER', surname: NEW_SURNAME, forenames: 'Tobias', streetNames: [],
      dob: null, pncId: null, phoneNumbers: [], exploited: 'NO', exploitedBy: [], vulnerabilities: [], policeContacts: 4, bestGrading: null,
    });
    const res = await upload(ctx.app, analysts.get('DER')!.headers, await writeReturnWorkbook(der, { messy: true, seed: 12 }));
    expect(res.statusCode, res.body.slice(0, 400)).toBe(201);
    expect(res.json().version).toBe(2);
    const after = await json(url, nclcc);
    expect(after.total).toBe(before.total + 1);
    const newcomer = (after.people as Ranked[]).find((p) => p.names.includes(`TOBIAS ${NEW_SURNAME}`))!;
    expect(newcomer.lines).toEqual([expect.any(String)]);
    // One RUNNER row with police contacts and nothing else known: below every true controlling mind.
    // (Not "in the bottom half": people recorded as directed or exploited now sit below
    // someone of whom nothing is known, and street level fills most of the lower half.)
    const controllingRanks = (after.people as Ranked[]).filter((p) => CONTROLLING.includes(tierOfPerson(p.personId)!)).map((p) => p.rank!);
    expect(controllingRanks.length).toBeGreaterThan(0);
    expect(newcomer.rank).toBeGreaterThan(Math.max(...controllingRanks));
  });
});
