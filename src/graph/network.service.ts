import type { Principal } from '../auth/principal.js';
import { resolveQueryScope } from '../auth/scope.js';
import { AppError, notFound } from '../errors.js';
import type { ReturnsRepository } from '../matrix/returns.repository.js';
import type { MergesRepository } from '../regional/merges.repository.js';
import type { MergesService } from '../regional/merges.service.js';
import type { MergedPerson, MergeResult } from '../regional/model.js';
import { toGraphInput } from '../regional/to-graph-input.js';
import { analyseNetwork } from './analyse.js';
import { buildGraph } from './build.js';
import { cmp } from './evidence.js';
import type { NetworkGraph } from './network.js';
import { rankByContacts, rankControllers, type RankedPerson } from './rank.js';
import { safeguardingList, type SafeguardingEntry } from './safeguarding.js';

export interface Window {
  scope: string;
  forces: string[];
  months: string[];
}

export interface Analysis {
  window: Window;
  builtAt: Date;
  graph: NetworkGraph;
  result: MergeResult;
  ranked: RankedPerson[];
  rankOf: Map<string, number | null>;
  safeguarding: SafeguardingEntry[];
  contacts: ReturnType<typeof rankByContacts>;
  timings: { resolveMs: number; buildMs: number; rankMs: number };
}

const CACHE_SIZE = 8;

/** A force's record of a person for one month: what an analyst searches their own systems by. */
export interface SourceRecord {
  force: string;
  month: string;
  ref: string;
}

/** What every listed person carries besides their own fields: the records behind them. */
export interface References {
  sources: SourceRecord[];
  months: string[];
}

type ContactsRow = Analysis['contacts'][number];

/**
 * The lists the API pages through, built once per analysis: the controllers
 * ranking with children and exploited people left out (`controllers`) or
 * kept, flagged (`everyone`); the same for the old ranking by contacts; the
 * safeguarding list; and every resolved person in id order (`people`).
 */
export interface Lists {
  byId: Map<string, RankedPerson>;
  refs: (personId: string) => References;
  controllers: RankedPerson[];
  everyone: RankedPerson[];
  contacts: ContactsRow[];
  contactsEveryone: ContactsRow[];
  people: RankedPerson[];
}

const listsCache = new WeakMap<Analysis, Lists>();

/** `(force, month, ref)` for each month of each record of the person, in that order. */
export function sourceRecords(person: Pick<MergedPerson, 'records'>): SourceRecord[] {
  return person.records
    .flatMap((r) => r.months.map((month) => ({ force: r.force, month, ref: r.ref })))
    .sort((a, b) => cmp(a.force, b.force) || cmp(a.month, b.month) || cmp(a.ref, b.ref));
}

export function listsOf(a: Analysis): Lists {
  let lists = listsCache.get(a);
  if (lists) return lists;
  const merged = new Map(a.result.people.map((p) => [p.id, p]));
  const refsCache = new Map<string, References>();
  const refs = (personId: string): References => {
    let r = refsCache.get(personId);
    if (!r) {
      const p = merged.get(personId);
      r = { sources: p ? sourceRecords(p) : [], months: p?.months ?? [] };
      refsCache.set(personId, r);
    }
    return r;
  };
  lists = {
    byId: new Map(a.ranked.map((r) => [r.personId, r])),
    refs,
    controllers: a.ranked.filter((r) => r.rank !== null),
    everyone: a.ranked,
    contacts: a.contacts.filter((c) => c.rank !== null),
    contactsEveryone: a.contacts,
    people: [...a.ranked].sort((x, y) => cmp(x.personId, y.personId)),
  };
  listsCache.set(a, lists);
  return lists;
}

/** `months` months ending with `month`, ascending. */
export function monthWindow(month: string, months: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (months - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/**
 * The national line–nominal network for a scope and window of months: the
 * current returns resolved into people and lines, built into a graph,
 * analysed and ranked once, and kept until the data changes (a new return,
 * decision or enrichment changes the cache key), so a repeated query answers
 * from memory.
 */
export function createNetworkService({
  merges,
  returnsRepo,
  mergesRepo,
  now = () => new Date(),
}: {
  merges: MergesService;
  returnsRepo: ReturnsRepository;
  mergesRepo: MergesRepository;
  now?: () => Date;
}) {
  const cache = new Map<string, Promise<Analysis>>();

  async function compute(window: Window): Promise<Analysis> {
    const t0 = performance.now();
    // A read: ids come from merges (or are derived, ids.ts); nothing here is stored.
    const { result, inputs } = await merges.resolve(window.scope, window.forces, window.months);
    const t1 = performance.now();
    const input = toGraphInput(result, inputs);
    const graph = buildGraph(input);
    const t2 = performance.now();
    const analysis = analyseNetwork(graph);
    const ranked = rankControllers(graph, { analysis });
    const safeguarding = safeguardingList(graph, { ranked, analysis });
    const contacts = rankByContacts(graph);
    const t3 = performance.now();
    return {
      window,
      builtAt: now(),
      graph,
      result,
      ranked,
      rankOf: new Map(ranked.map((r) => [r.personId, r.rank])),
      safeguarding,
      contacts,
      timings: { resolveMs: Math.round(t1 - t0), buildMs: Math.round(t2 - t1), rankMs: Math.round(t3 - t2) },
    };
  }

  async function analysisFor(principal: Principal, q: { scope?: string; month: string; months: number }): Promise<Analysis> {
    if (q.months < 1 || q.months > 24) throw new AppError('query.bad_window', 400, 'months must be between 1 and 24.');
    const { scope, forces } = resolveQueryScope(principal, q.scope);
    const window: Window = { scope, forces, months: monthWindow(q.month, q.months) };
    const [data, decisions] = await Promise.all([returnsRepo.dataVersion(), mergesRepo.version()]);
    const key = `${scope}|${window.months.join(',')}|${data}|${decisions}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = compute(window);
      cache.set(key, entry);
      entry.catch(() => cache.delete(key));
      while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return entry;
  }

  return {
    analysisFor,

    /** The id a person or line goes by now, following joins since the caller learned it. */
    currentId: merges.currentId,

    async person(principal: Principal, requestedId: string, q: { scope?: string; month: string; months: number }) {
      const a = await analysisFor(principal, q);
      const personId = await merges.currentId('person', requestedId);
      const person = a.result.people.find((p) => p.id === personId);
      if (!person) throw notFound('person');
      const links = a.result.links.filter((l) => l.personId === personId);
      const ranked = listsOf(a).byId.get(personId);
      return {
        window: a.window, person, rank: a.rankOf.get(personId) ?? null, overallRank: ranked?.overallRank ?? null,
        flags: ranked?.flags ?? { child: false, exploited: false, vulnerable: false }, age: ranked?.age ?? null, links,
      };
    },

    async line(principal: Principal, requestedId: string, q: { scope?: string; month: string; months: number }) {
      const a = await analysisFor(principal, q);
      const lineId = await merges.currentId('line', requestedId);
      const line = a.result.lines.find((l) => l.id === lineId);
      if (!line) throw notFound('line');
      const links = a.result.links.filter((l) => l.lineId === lineId);
      return { window: a.window, line, links };
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
