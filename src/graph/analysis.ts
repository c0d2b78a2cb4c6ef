import { mergeReturns } from '../regional/merge.js';
import { withNewId, type MergeContextData } from '../regional/merge-context.js';
import type { MergedPerson, MergeResult, ReturnInput, Thresholds } from '../regional/model.js';
import { toGraphInput } from '../regional/to-graph-input.js';
import { analyseNetwork } from './analyse.js';
import { buildGraph } from './build.js';
import { cmp } from './evidence.js';
import { lineKey, personKey, type NetworkGraph } from './network.js';
import { rankByContacts, rankControllers, type RankedPerson } from './rank.js';
import { safeguardingList, type SafeguardingEntry } from './safeguarding.js';
import type { Window } from './window.js';

/** A window resolved, built into a graph, analysed and ranked: what every network route reads. */
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

/** Each person's and line's node key to its first force record: what it is, whatever id it goes by. */
function stableKeys(result: MergeResult): (nodeKey: string) => string | undefined {
  const first = (records: { key: string }[]) => records.reduce((min, r) => (r.key < min ? r.key : min), records[0].key);
  const keys = new Map<string, string>();
  for (const p of result.people) keys.set(personKey(p.id), first(p.records));
  for (const l of result.lines) keys.set(lineKey(l.id), first(l.records));
  return (nodeKey) => keys.get(nodeKey);
}

/**
 * Resolves a window's current returns into people and lines (a read: ids come
 * from merges or are derived, ids.ts; nothing is stored), builds the graph,
 * analyses and ranks it. Pure CPU: the analysis worker runs it, pausing
 * between stages so a quick request queued behind it is answered meanwhile.
 */
export async function analyse({ window, returns, context, thresholds, builtAt, pause = async () => {} }: {
  window: Window;
  returns: ReturnInput[];
  context: MergeContextData;
  thresholds: Thresholds;
  builtAt: Date;
  pause?: () => Promise<void>;
}): Promise<Analysis> {
  const t0 = performance.now();
  const result = mergeReturns({ scope: window.scope, months: window.months, returns, thresholds, ...withNewId(context), entitiesOnly: true });
  const t1 = performance.now();
  await pause();
  const graph = buildGraph(toGraphInput(result, returns));
  const t2 = performance.now();
  await pause();
  const analysis = analyseNetwork(graph, {}, stableKeys(result));
  const ranked = rankControllers(graph, { analysis });
  const safeguarding = safeguardingList(graph, { ranked, analysis });
  const contacts = rankByContacts(graph);
  const t3 = performance.now();
  return {
    window,
    builtAt,
    graph,
    result,
    ranked,
    rankOf: new Map(ranked.map((r) => [r.personId, r.rank])),
    safeguarding,
    contacts,
    timings: { resolveMs: Math.round(t1 - t0), buildMs: Math.round(t2 - t1), rankMs: Math.round(t3 - t2) },
  };
}
