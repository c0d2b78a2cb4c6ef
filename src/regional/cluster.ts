// Clustering of records into entities: connected components over merge
// edges, built greedily with constraints (union–find that refuses a union).
//
// Plain connected components would let a chain of good-looking edges join
// two records an analyst said are different, or two refs of one force. So
// edges are taken strongest first — analyst 'same' decisions, then certain
// matches, then scored pairs by falling weight — and a union is refused when
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
  /** 0 analyst 'same', 1 certain, 2 scored. */
  tier: 0 | 1 | 2;
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

export function cluster<T>(input: ClusterInput<T>): ClusterResult<T> {
  const parent = Array.from({ length: input.size }, (_, i) => i);
  const members = Array.from({ length: input.size }, (_, i) => [i]);
  const slots = input.slots.map((list, i) => new Map(list.map((s) => [s, [i]])));
  const compatible = input.compatible ?? (() => false);
  const slotsAllow = (ra: number, rb: number) => {
    for (const [slot, holdersB] of slots[rb]) {
      const holdersA = slots[ra].get(slot);
      if (holdersA && !holdersA.every((x) => holdersB.every((y) => compatible(x, y)))) return false;
    }
    return true;
  };
  const forbidden = Array.from({ length: input.size }, () => new Set<number>());
  for (const [a, b] of input.cannotLink) {
    forbidden[a].add(b);
    forbidden[b].add(a);
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const order = [...input.edges].sort(
    (x, y) =>
      x.tier - y.tier ||
      y.weight - x.weight ||
      input.keys[Math.min(x.a, x.b)].localeCompare(input.keys[Math.min(y.a, y.b)]) ||
      input.keys[Math.max(x.a, x.b)].localeCompare(input.keys[Math.max(y.a, y.b)]),
  );
  const accepted: ClusterEdge<T>[] = [];
  const refused: ClusterResult<T>['refused'] = [];
  for (const edge of order) {
    let ra = find(edge.a);
    let rb = find(edge.b);
    if (ra === rb) continue;
    if (members[ra].length < members[rb].length) [ra, rb] = [rb, ra];
    if (members[rb].some((m) => forbidden[ra].has(m))) {
      refused.push({ edge, reason: 'cannot_link' });
      continue;
    }
    if (edge.tier === 2 && !slotsAllow(ra, rb)) {
      refused.push({ edge, reason: 'slot' });
      continue;
    }
    parent[rb] = ra;
    members[ra].push(...members[rb]);
    for (const [slot, holders] of slots[rb]) slots[ra].set(slot, [...(slots[ra].get(slot) ?? []), ...holders]);
    for (const f of forbidden[rb]) forbidden[ra].add(f);
    members[rb] = [];
    accepted.push(edge);
  }
  return { component: parent.map((_, i) => find(i)), accepted, refused };
}
