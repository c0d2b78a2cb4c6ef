import type { Principal } from '../auth/principal.js';
import { resolveQueryScope } from '../auth/scope.js';
import { AppError, notFound } from '../errors.js';
import type { ReturnsRepository } from '../matrix/returns.repository.js';
import type { MergesRepository } from '../regional/merges.repository.js';
import type { MergesService } from '../regional/merges.service.js';
import type { MergeResult } from '../regional/model.js';
import { toGraphInput } from '../regional/to-graph-input.js';
import { analyseNetwork } from './analyse.js';
import { buildGraph } from './build.js';
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
  rankOf: Map<string, number>;
  safeguarding: SafeguardingEntry[];
  contacts: ReturnType<typeof rankByContacts>;
  timings: { resolveMs: number; buildMs: number; rankMs: number };
}

const CACHE_SIZE = 8;

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
      return { window: a.window, person, rank: a.rankOf.get(personId) ?? null, links };
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
