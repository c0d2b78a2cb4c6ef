import { retiredIds } from './ids.js';
import { mergeReturns } from './merge.js';
import type { MergeInput, MergeResult, WindowJoins } from './model.js';

// A month's merge that agrees with the windows queried over it. Merged on
// its own, a month cannot see that a record new this month (a ref a force
// reissued, a person one force reports with no PNC ID) is someone an earlier
// month's merge already named: the match is with a record of that month. So
// the month is first resolved together with the months before it (the
// ranking's default window), and each of the month's records takes the id
// that resolution gives it; the month is then merged on its own with those
// ids as its prior ids, and the month's records the window holds as one person
// are joined in it too (after its own evidence, under the same constraints),
// so the month's people are the window's; records of the earlier months the
// window joined to the month's take the month's ids too. A person linked
// across months keeps one id.

/** The month and the two before it: the default window of the ranking (`months=3`). */
export const LOOKBACK_MONTHS = 3;

export function lookbackMonths(month: string, months = LOOKBACK_MONTHS): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (months - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/**
 * The merge of `month`, given the returns of `lookbackMonths(month)` (those
 * of other months are ignored). `input.months` is ignored too.
 */
export function mergeMonth(input: Omit<MergeInput, 'months'>, month: string): MergeResult {
  const window = lookbackMonths(month);
  const returns = input.returns.filter((r) => window.includes(r.month));
  const own = returns.filter((r) => r.month === month);
  if (own.length === returns.length) return mergeReturns({ ...input, months: [month], returns: own });
  // Only its ids are read: its review queue, alerts and source rows are not built.
  const seen = mergeReturns({ ...input, months: window, returns, enrichments: [], entitiesOnly: true });
  const recordsOf = (sheet: 'nominals' | 'lines') => new Set(own.flatMap((r) => r.parsed[sheet].map((x) => `${r.force}|${x.ref}`)));
  const withWindowIds = (prior: Map<string, string>, ids: Map<string, string>, records: Set<string>) => {
    const out = new Map(prior);
    for (const k of records) out.set(k, ids.get(k)!);
    return out;
  };
  const priorPersonIds = withWindowIds(input.priorPersonIds, seen.personIdByRecord, recordsOf('nominals'));
  const priorLineIds = withWindowIds(input.priorLineIds, seen.lineIdByRecord, recordsOf('lines'));
  // An enrichment names an id as it was stored; where the window joined it into another, follow it there.
  const people = retiredIds(input.priorPersonIds, priorPersonIds);
  const lines = retiredIds(input.priorLineIds, priorLineIds);
  const follow = (retired: Map<string, string>, id: string | undefined) => (id === undefined ? id : (retired.get(id) ?? id));
  const enrichments = input.enrichments?.map((x) => ({
    ...x, personId: follow(people, x.personId), targetPersonId: follow(people, x.targetPersonId), lineId: follow(lines, x.lineId),
  }));
  const result = mergeReturns({
    ...input, months: [month], returns: own, priorPersonIds, priorLineIds, enrichments,
    joinedInWindow: { months: window, groups: windowPeople(recordsOf('nominals'), seen) },
  });
  followThisMonth(result.personIdByRecord, seen.personIdByRecord);
  followThisMonth(result.lineIdByRecord, seen.lineIdByRecord);
  return result;
}

/** The window's people that hold two or more of the month's records, as those records' keys. */
function windowPeople(records: Set<string>, seen: MergeResult): WindowJoins['groups'] {
  const byId = new Map<string, string[]>();
  for (const k of records) {
    const id = seen.personIdByRecord.get(k)!;
    (byId.get(id) ?? byId.set(id, []).get(id)!).push(k);
  }
  const confidence = new Map(seen.people.map((p) => [p.id, p.confidence]));
  return [...byId].filter(([, keys]) => keys.length > 1).map(([id, keys]) => ({ keys, confidence: confidence.get(id)! }));
}

/**
 * Records of the months before that the window joined to a record of this
 * month take the id this month's merge gave it (the smallest, if the month
 * split them): added to `ids`, they are stored with the month's, and their
 * old ids become aliases, so an earlier month's entity and this month's are
 * one id from now on. The month's own people and lines are unchanged.
 */
function followThisMonth(ids: Map<string, string>, window: Map<string, string>): void {
  const monthIdOf = new Map<string, string>();
  for (const [record, id] of ids) {
    const w = window.get(record)!;
    const current = monthIdOf.get(w);
    if (current === undefined || id < current) monthIdOf.set(w, id);
  }
  for (const [record, w] of window) {
    const id = monthIdOf.get(w);
    if (id !== undefined && !ids.has(record)) ids.set(record, id);
  }
}
