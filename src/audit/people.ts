import type { NetworkGraph } from '../graph/network.js';

// Issue #12: the audit log names every person a response shows, not just the
// one asked about (a depth-4 network returned 874 people under one id). The
// ids go in `auditTarget.detail.people`, as an array, each id once.

/** The distinct ids, in the order first seen. */
export function personIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

/** The people (not lines or phones) in a network a route hands out. */
export function peopleInGraph(graph: NetworkGraph): string[] {
  const ids: string[] = [];
  graph.forEachNode((_key, attrs) => {
    if (attrs.kind === 'person') ids.push(attrs.id);
  });
  return ids;
}
