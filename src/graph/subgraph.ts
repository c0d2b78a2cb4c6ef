import { MultiDirectedGraph } from 'graphology';
import { AppError } from '../errors.js';
import { GraphInputError } from './errors.js';
import { personKey, type NetworkGraph } from './network.js';

// Ego network (Wasserman & Faust 1994, §2.3): everything within `depth` hops
// of one person, ignoring edge direction, with every edge among those nodes.
// Nodes and edges keep the parent graph's order, so the result is as
// deterministic as the graph.

export const EGO_DEFAULTS = { maxDepth: 4 };

export function egoNetwork(graph: NetworkGraph, personId: string, depth: number): NetworkGraph {
  if (!Number.isInteger(depth) || depth < 0 || depth > EGO_DEFAULTS.maxDepth) {
    throw new GraphInputError('graph.bad_option', `Depth must be a whole number from 0 to ${EGO_DEFAULTS.maxDepth}.`);
  }
  const centre = personKey(personId);
  if (!graph.hasNode(centre) || graph.getNodeAttribute(centre, 'kind') !== 'person') {
    throw new AppError('graph.person_not_found', 404, `No person ${personId} in the network.`);
  }
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      graph.forEachNeighbor(u, (v) => {
        if (!seen.has(v)) {
          seen.add(v);
          next.push(v);
        }
      });
    }
    frontier = next;
  }
  const ego: NetworkGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  ego.replaceAttributes({ ...graph.getAttributes() });
  graph.forEachNode((key, attrs) => {
    if (seen.has(key)) ego.addNode(key, attrs);
  });
  graph.forEachEdge((key, attrs, source, target) => {
    if (seen.has(source) && seen.has(target)) ego.addDirectedEdgeWithKey(key, source, target, attrs);
  });
  return ego;
}
