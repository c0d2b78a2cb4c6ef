import { hash } from 'node:crypto';

// Stable entity ids across merges (STYLE §10, §11). An entity reuses the id
// a previous merge gave any of its records — the smallest if several. When
// a previous entity has been split (a 'different' decision, new evidence),
// only one of the parts can keep its id: the part holding most records that
// had it (ties: the part whose first record key sorts first); the others get
// new ids. New ids come from the caller's `newId`, or by default are derived
// from the entity's first record key, so the same data gives the same ids
// whatever the order it arrived in, on any database (no random ids).

// Same order as String#localeCompare, without its per-call setup.
const collator = new Intl.Collator();

/** A new entity's id, given its first record key and the ids already in use. */
export type NewId = (kind: 'person' | 'line', firstKey: string, used: Set<string>) => string;

/** `P-`/`L-` and 12 hex digits of a hash of the first record key; the next hash along when that id is in use. */
export function derivedId(kind: 'person' | 'line', seed: string, used: { has(id: string): boolean }): string {
  for (let n = 0; ; n++) {
    // One-shot hash: a merge derives ~90,000 ids, and a Hash object each cost more than the hashing.
    const digest = hash('sha256', `${kind}|${seed}|${n}`, 'hex').slice(0, 12).toUpperCase();
    const id = `${kind === 'person' ? 'P' : 'L'}-${digest}`;
    if (!used.has(id)) return id;
  }
}

export function assignIds(
  kind: 'person' | 'line',
  groups: string[][],
  prior: Map<string, string>,
  newId?: NewId,
): string[] {
  const claims: { group: number; id: string; votes: number; first: string }[] = [];
  groups.forEach((keys, group) => {
    const counts = new Map<string, number>();
    for (const k of keys) {
      const id = prior.get(k);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const [id, votes] of counts) claims.push({ group, id, votes, first: keys[0] });
  });
  // Smallest id first, so an entity holding several prior ids keeps the smallest it can.
  claims.sort((x, y) => collator.compare(x.id, y.id) || y.votes - x.votes || collator.compare(x.first, y.first));
  const ids: (string | null)[] = groups.map(() => null);
  const used = new Set<string>(prior.values());
  const taken = new Set<string>();
  for (const c of claims) {
    if (ids[c.group] !== null || taken.has(c.id)) continue;
    ids[c.group] = c.id;
    taken.add(c.id);
  }
  return ids.map((id, g) => {
    if (id !== null) return id;
    const fresh = newId ? newId(kind, groups[g][0], used) : derivedId(kind, groups[g][0], used);
    used.add(fresh);
    return fresh;
  });
}

/**
 * Ids a resolution retired: a record's previous id that no entity goes by any
 * more, mapped to the id of the entity the record joined.
 */
export function retiredIds(prior: Map<string, string>, current: Map<string, string>, records: Iterable<string> = current.keys()): Map<string, string> {
  const live = new Set(current.values());
  const retired = new Map<string, string>();
  for (const record of records) {
    const old = prior.get(record);
    const id = current.get(record);
    if (old !== undefined && id !== undefined && !live.has(old)) retired.set(old, id);
  }
  return retired;
}
