import { retiredIds } from '../src/regional/ids.js';
import type { ReturnInput } from '../src/regional/model.js';
import { mergeMonth } from '../src/regional/month-merge.js';
import { DEFAULT_THRESHOLDS } from '../src/regional/people.js';
import { followAliases } from '../src/regional/merges.service.js';

/**
 * Month-by-month merges of one scope as runMerge makes them (month-merge.ts),
 * each storing ids (identities, aliases) for the next: the id every record
 * ends up with.
 */
export function mergeMonths(returns: ReturnInput[]): Map<string, string> {
  const identities = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const month of [...new Set(returns.map((r) => r.month))].sort()) {
    const result = mergeMonth({ scope: 'EVAL', returns, decisions: [], priorPersonIds: new Map(identities), priorLineIds: new Map(), thresholds: DEFAULT_THRESHOLDS }, month);
    for (const [old, id] of retiredIds(identities, result.personIdByRecord)) aliases.set(old, id);
    for (const [k, v] of result.personIdByRecord) identities.set(k, v);
  }
  return new Map([...identities].map(([k, v]) => [k, followAliases(aliases, v)]));
}
