// Clustering of records into entities: connected components over merge
// edges, built greedily with constraints (union–find that refuses a union).
//
// Plain connected components would let a chain of good-looking edges join
// two records an analyst said are different, or two refs of one force. So
// edges are taken strongest first — analyst 'same' decisions, then certain
// matches, then scored pairs by falling weight, then joins a wider window of
// months made (month-merge.ts) — and a union is refused when
// it would put into one component:
//   * two records with a 'different' decision between them (cannot-link;
//     always refused, whatever the edge), or
//   * two records holding the same exclusive slot (for people a force, for
//     lines a force-month): one force's refs are distinct entities. Analyst
//     and certain edges may override this one. A scored edge may only when
//     the caller's `compatible` check passes for every pair of records that
//     would share a slot (people: the two refs of one force, compared
//     directly, score above the merge threshold — a force's duplicate record
//     joins through another force's record, never on its own).
// Refused edges are returned so they can be put before an analyst. Because
// the order is fixed (tier, weight, then keys), the result is deterministic.

export interface ClusterEdge<T> {
  a: number;
  b: number;
  /** 0 analyst 'same', 1 certain, 2 scored, 3 joined in a wider window of months (after the scored: slots apply). */
  tier: 0 | 1 | 2 | 3;
  weight: number;
  payload: T;
}

export interface ClusterInput<T> {
  size: number;
  /** Sort key per record, to break ties deterministically. */
  keys: string[];
  /** Exclusive slots per record: a component holds each slot at most once (scored edges). */
  slots: string[][];
  cannotLink: [number, number][];
  edges: ClusterEdge<T>[];
  /** May records a and b, holding the same slot, be in one component? Default: never. */
  compatible?: (a: number, b: number) => boolean;
}

export interface ClusterResult<T> {
  /** Component root per record; members of one component share it. */
  component: number[];
  accepted: ClusterEdge<T>[];
  refused: { edge: ClusterEdge<T>; reason: 'cannot_link' | 'slot' }[];
}

const collator = new Intl.Collator();

/**
 * Each record's position in `localeCompare` order of the keys, so ties are
 * broken by comparing integers (records usually come sorted: then it is the index).
 */
function keyRanks(keys: string[]): Int32Array {
  const rank = new Int32Array(keys.length);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = collator.compare(keys[i - 1], keys[i]) <= 0;
  const order = keys.map((_, i) => i);
  if (!sorted) order.sort((x, y) => collator.compare(keys[x], keys[y]));
  order.forEach((r, position) => (rank[r] = position));
  return rank;
}

export function cluster<T>(input: ClusterInput<T>): ClusterResult<T> {
  // Per-component state is created only for components an edge touches
  // (absent: the record alone): a merge has ~100k records, most never joined.
  const parent = Array.from({ length: input.size }, (_, i) => i);
  const members: (number[] | undefined)[] = new Array(input.size);
  const membersOf = (r: number) => members[r] ?? (members[r] = [r]);
  const slotMaps: (Map<string, number[]> | undefined)[] = new Array(input.size);
  const slotsOf = (r: number) => slotMaps[r] ?? (slotMaps[r] = new Map(input.slots[r].map((s) => [s, [r]])));
  const compatible = input.compatible ?? (() => false);
  const slotsAllow = (ra: number, rb: number) => {
    const a = slotsOf(ra);
    for (const [slot, holdersB] of slotsOf(rb)) {
      const holdersA = a.get(slot);
      if (holdersA && !holdersA.every((x) => holdersB.every((y) => compatible(x, y)))) return false;
    }
    return true;
  };
  const forbidden = new Map<number, Set<number>>();
  const forbid = (x: number, y: number) => (forbidden.get(x) ?? forbidden.set(x, new Set()).get(x)!).add(y);
  for (const [a, b] of input.cannotLink) {
    forbid(a, b);
    forbid(b, a);
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const rank = keyRanks(input.keys);
  const order = [...input.edges].sort(
    (x, y) =>
      x.tier - y.tier ||
      y.weight - x.weight ||
      rank[Math.min(x.a, x.b)] - rank[Math.min(y.a, y.b)] ||
      rank[Math.max(x.a, x.b)] - rank[Math.max(y.a, y.b)],
  );
  const accepted: ClusterEdge<T>[] = [];
  const refused: ClusterResult<T>['refused'] = [];
  for (const edge of order) {
    let ra = find(edge.a);
    let rb = find(edge.b);
    if (ra === rb) continue;
    if (membersOf(ra).length < membersOf(rb).length) [ra, rb] = [rb, ra];
    const forbiddenA = forbidden.get(ra);
    if (forbiddenA && membersOf(rb).some((m) => forbiddenA.has(m))) {
      refused.push({ edge, reason: 'cannot_link' });
      continue;
    }
    if (edge.tier >= 2 && !slotsAllow(ra, rb)) {
      refused.push({ edge, reason: 'slot' });
      continue;
    }
    parent[rb] = ra;
    membersOf(ra).push(...membersOf(rb));
    const slotsA = slotsOf(ra);
    for (const [slot, holders] of slotsOf(rb)) slotsA.set(slot, [...(slotsA.get(slot) ?? []), ...holders]);
    const forbiddenB = forbidden.get(rb);
    if (forbiddenB) for (const f of forbiddenB) forbid(ra, f);
    members[rb] = [];
    slotMaps[rb] = undefined;
    accepted.push(edge);
  }
  return { component: parent.map((_, i) => find(i)), accepted, refused };
}
