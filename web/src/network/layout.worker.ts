import { MultiDirectedGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

// ForceAtlas2 (Jacomy et al. 2014) off the page's thread: the picture sends
// node keys, start positions and edges, the worker runs a fixed number of
// iterations and answers once with every node's position. A fixed count (not
// "until stopped") gives the same picture of the same network every time, and
// one answer (not one per iteration) leaves the page free meanwhile.

export interface LayoutRequest {
  nodes: { key: string; x: number; y: number }[];
  edges: [string, string][];
  iterations: number;
}
/** Every node's position, and how long the iterations took (for the bench). */
export interface LayoutAnswer {
  positions: Record<string, { x: number; y: number }>;
  ms: number;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null; postMessage(answer: LayoutAnswer): void };

scope.onmessage = (e) => {
  const graph = new MultiDirectedGraph();
  for (const n of e.data.nodes) graph.addNode(n.key, { x: n.x, y: n.y });
  for (const [s, t] of e.data.edges) graph.addDirectedEdge(s, t);
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 };
  const started = performance.now();
  const positions = forceAtlas2(graph, { iterations: e.data.iterations, settings });
  scope.postMessage({ positions, ms: Math.round(performance.now() - started) });
};
