import { listJson } from '../api/network-bodies.js';
import { withEdgesInWords } from '../regional/evidence-words.js';
import { derivedId } from '../regional/ids.js';
import type { MergedPerson } from '../regional/model.js';
import { fingerprint, page } from '../api/paging.js';
import { peopleInGraph, personIds } from '../audit/people.js';
import { listsOf, type Analysis } from './analysis.js';
import { buildControllersWorkbook } from './controllers-workbook.js';
import { directionWorklist } from './direction-worklist.js';
import { toGEXF, toGraphML, toJSON } from './export-formats.js';
import { egoNetwork } from './subgraph.js';

// What each network route reads from an analysis, run where the analysis
// lives (the analysis worker): a national analysis is hundreds of megabytes
// of objects, and copying it to the event loop would cost seconds, so only
// a page, a profile or an export crosses back. Each view returns its answer
// and the ids of every person in it, for the audit log (issue #12 point 4);
// a page of a list comes back as the JSON text its route sends.

/** The list's name for its cursors: the query parameters that change what it holds. */
const listName = (a: Analysis, what: string) => `${what}|${a.window.scope}|${a.window.months.join(',')}`;

interface PageParams {
  cursor?: string;
  limit: number;
}

const provisional = new WeakMap<Analysis, Map<string, MergedPerson>>();

/**
 * The window's person with this id; or, failing that, the one that went by it before a merge stored ids for
 * its records. A window's person no merge has named takes an id derived from its first record (ids.ts), which
 * no table keeps (reads write nothing): once a region's merge names the person, the id an analyst was shown
 * would otherwise be a 404. (A derived id that had to skip a taken one is not found: rare.)
 */
function personIn(a: Analysis, id: string): MergedPerson | undefined {
  const person = a.result.people.find((p) => p.id === id);
  if (person) return person;
  let before = provisional.get(a);
  if (!before) {
    const none = { has: () => false };
    before = new Map(a.result.people.map((p) => [derivedId('person', p.records[0].key, none), p]));
    provisional.set(a, before);
  }
  return before.get(id);
}

export const views = {
  controllers(a: Analysis, q: PageParams & { method: 'structure' | 'contacts'; victims: boolean }) {
    const lists = listsOf(a);
    const name = listName(a, `controllers:${q.method}:${q.victims ? 'victims' : 'controllers'}`);
    const base = { window: a.window, method: q.method, include: q.victims ? ['victims'] : [], builtAt: a.builtAt, leftOut: q.victims ? 0 : lists.everyone.length - lists.controllers.length };
    if (q.method === 'contacts') {
      const all = q.victims ? lists.contactsEveryone : lists.contacts;
      const p = page(all, { list: name, version: fingerprint(all.map((c) => c.personId)), cursor: q.cursor, limit: q.limit });
      const contacts = p.items.map((c) => {
        const r = lists.byId.get(c.personId)!;
        return { ...c, names: r.names, pncIds: r.pncIds, dob: r.dob, age: r.age, sources: lists.refs(c.personId).sources, structuralRank: r.rank, handlingConditions: r.handlingConditions };
      });
      return { json: listJson('controllers', { ...base, total: p.total, nextCursor: p.nextCursor, contacts }), people: p.items.map((c) => c.personId) };
    }
    const all = q.victims ? lists.everyone : lists.controllers;
    const p = page(all, { list: name, version: fingerprint(all.map((r) => r.personId)), cursor: q.cursor, limit: q.limit });
    return {
      json: listJson('controllers', { ...base, total: p.total, nextCursor: p.nextCursor, people: p.items.map((r) => ({ ...r, sources: lists.refs(r.personId).sources })) }),
      people: p.items.map((r) => r.personId),
    };
  },

  async controllersWorkbook(a: Analysis, q: { limit: number; victims: boolean; preparedBy: string; generatedAt: Date }) {
    const lists = listsOf(a);
    const controllers = (q.victims ? lists.everyone : lists.controllers).slice(0, q.limit);
    const buffer = await buildControllersWorkbook(controllers, a.safeguarding, {
      title: `Controlling minds — ${a.window.scope}`, period: `${a.window.months[0]} to ${a.window.months.at(-1)}`, generatedAt: q.generatedAt, workedOutAt: a.builtAt,
      preparedBy: q.preparedBy, maxControllers: q.limit, sources: (id) => lists.refs(id).sources,
    });
    // A briefing leaves the service: the log names everyone in it.
    const people = personIds([...controllers, ...a.safeguarding, ...a.safeguarding.flatMap((s) => s.controllersAbove)].map((p) => p.personId));
    return { buffer: new Uint8Array(buffer), people };
  },

  safeguarding(a: Analysis, q: PageParams) {
    const lists = listsOf(a);
    const all = a.safeguarding;
    const p = page(all, { list: listName(a, 'safeguarding'), version: fingerprint(all.map((e) => e.personId)), cursor: q.cursor, limit: q.limit });
    return {
      json: listJson('safeguarding', { window: a.window, total: p.total, nextCursor: p.nextCursor, people: p.items.map((e) => ({ ...e, sources: lists.refs(e.personId).sources })) }),
      people: personIds(p.items.flatMap((e) => [e.personId, ...e.controllersAbove.map((c) => c.personId), ...e.directs.map((d) => d.personId)])),
    };
  },

  people(a: Analysis, q: PageParams) {
    const lists = listsOf(a);
    const all = lists.people;
    const p = page(all, { list: listName(a, 'people'), version: fingerprint(all.map((r) => r.personId)), cursor: q.cursor, limit: q.limit });
    const people = p.items.map((r) => ({
      personId: r.personId, names: r.names, pncIds: r.pncIds, dob: r.dob, age: r.age, flags: r.flags, ...lists.refs(r.personId),
      forces: r.forces, lines: r.lines, rank: r.rank, overallRank: r.overallRank, handlingConditions: r.handlingConditions,
    }));
    return { json: listJson('people', { window: a.window, builtAt: a.builtAt, total: p.total, nextCursor: p.nextCursor, people }), people: p.items.map((r) => r.personId) };
  },

  person(a: Analysis, q: { personId: string }) {
    const person = personIn(a, q.personId);
    if (!person) return null;
    const links = a.result.links.filter((l) => l.personId === person.id);
    const ranked = listsOf(a).byId.get(person.id);
    return {
      body: {
        window: a.window, person: withEdgesInWords(person), rank: a.rankOf.get(person.id) ?? null, overallRank: ranked?.overallRank ?? null,
        flags: ranked?.flags ?? { child: false, exploited: false, vulnerable: false }, age: ranked?.age ?? null, links,
      },
      people: personIds([person.id, ...links.map((l) => l.personId)]),
    };
  },

  line(a: Analysis, q: { lineId: string }) {
    const line = a.result.lines.find((l) => l.id === q.lineId);
    if (!line) return null;
    const links = a.result.links.filter((l) => l.lineId === q.lineId);
    return { body: { window: a.window, line: withEdgesInWords(line), links }, people: personIds(links.map((l) => l.personId)) };
  },

  network(a: Analysis, q: { personId: string; depth: number; format: 'json' | 'graphml' | 'gexf' }) {
    const personId = personIn(a, q.personId)?.id;
    if (personId === undefined || !a.graph.hasNode(`person:${personId}`)) return null;
    const ego = egoNetwork(a.graph, personId, q.depth);
    const standing = (id: string) => listsOf(a).byId.get(id);
    const text = q.format === 'graphml' ? toGraphML(ego, standing) : q.format === 'gexf' ? toGEXF(ego, standing) : JSON.stringify(toJSON(ego, standing));
    return { personId, text, people: peopleInGraph(ego) };
  },

  direction(a: Analysis, q: PageParams) {
    const lists = listsOf(a);
    const all = directionWorklist(a.graph);
    const p = page(all, { list: listName(a, 'direction'), version: fingerprint(all.map((e) => e.personId)), cursor: q.cursor, limit: q.limit });
    const people = p.items.map((e) => {
      const ranked = lists.byId.get(e.personId)!;
      return { ...e, pncIds: ranked.pncIds, dob: ranked.dob, age: ranked.age, flags: ranked.flags, sources: lists.refs(e.personId).sources };
    });
    return { json: listJson('direction', { window: a.window, total: p.total, nextCursor: p.nextCursor, people }), people: p.items.map((e) => e.personId) };
  },

  /** The CLI's table: the first `limit` of a ranking, with what `clim rank` prints. */
  rank(a: Analysis, q: { method: 'structure' | 'contacts'; victims: boolean; limit: number }) {
    const lists = listsOf(a);
    const head = { window: a.window, total: a.ranked.length, leftOut: lists.everyone.length - lists.controllers.length, builtMs: a.timings.resolveMs + a.timings.buildMs + a.timings.rankMs, timings: a.timings };
    if (q.method === 'contacts') {
      const rows = (q.victims ? lists.contactsEveryone : lists.contacts).slice(0, q.limit);
      return { ...head, ranked: null, contacts: rows.map((c) => ({ ...c, structuralRank: lists.byId.get(c.personId)?.rank ?? null })), people: rows.map((c) => c.personId) };
    }
    const rows = (q.victims ? lists.everyone : lists.controllers).slice(0, q.limit);
    return { ...head, ranked: rows, contacts: null, people: rows.map((p) => p.personId) };
  },
};

export type Views = typeof views;
export type ViewName = keyof Views;
export type ViewParams<N extends ViewName> = Parameters<Views[N]>[1];
export type ViewResult<N extends ViewName> = Awaited<ReturnType<Views[N]>>;
