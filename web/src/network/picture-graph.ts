import { MultiDirectedGraph } from 'graphology';
import { roleWords } from '../format';

// The service's network JSON (graphology's serialisation, person nodes with
// rank, score and flags) turned into what the picture draws: position, size,
// colour, shape and label of every node, colour and words of every link.

interface JsonNode {
  key: string;
  attributes?: Record<string, unknown> & { kind?: string };
}
interface JsonEdge {
  key?: string;
  source: string;
  target: string;
  attributes?: Record<string, unknown> & { type?: string };
}
export interface NetworkJson {
  nodes: JsonNode[];
  edges: JsonEdge[];
}

interface Listed {
  key: string;
  kind: 'person' | 'line';
  id: string;
  label: string;
  note: string;
}

const COLOURS = {
  controller: '#b2182b',
  holder: '#e66101',
  street: '#2166ac',
  person: '#6b6b6b',
  victim: '#7b3294',
  line: '#1b7837',
  other: '#a6a6a6',
};

export const LEGEND = [
  { label: 'Controller or supplier', color: COLOURS.controller, shape: 'circle' },
  { label: 'Line holder', color: COLOURS.holder, shape: 'circle' },
  { label: 'Runner, dealer or cuckooed occupant', color: COLOURS.street, shape: 'circle' },
  { label: 'Other or no recorded role', color: COLOURS.person, shape: 'circle' },
  { label: 'Child or exploited (victim)', color: COLOURS.victim, shape: 'diamond' },
  { label: 'Line', color: COLOURS.line, shape: 'square' },
  { label: 'Phone, address or area (small)', color: COLOURS.other, shape: 'circle' },
] as const;

const ROLE_GROUP: Record<string, keyof typeof COLOURS> = {
  CONTROLLER: 'controller',
  SUPPLIER: 'controller',
  LINE_HOLDER: 'holder',
  RUNNER: 'street',
  STREET_DEALER: 'street',
  CUCKOOED_OCCUPANT: 'street',
};
const GROUP_ORDER: (keyof typeof COLOURS)[] = ['controller', 'holder', 'street', 'person'];

const EDGE_WORDS: Record<string, string> = {
  ON_LINE: 'on line',
  DIRECTS: 'directs',
  SUPPLIES: 'supplies',
  EXPLOITS: 'exploits',
  RECRUITED: 'recruited',
  FINANCES: 'finances',
  ASSOCIATE: 'associate of',
  USES_NUMBER: 'uses number',
  EXPORTS_FROM: 'exports from',
  IMPORTS_TO: 'imports to',
  ADDRESS_OF: 'address of',
};
const COMMAND = new Set(['DIRECTS', 'SUPPLIES', 'RECRUITED', 'FINANCES']);

/** A small deterministic hash, so the same network starts from the same positions (and lays out the same way). */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function pictureGraph(data: NetworkJson, centre: string) {
  const graph = new MultiDirectedGraph();
  // Strongest role recorded for each person, from their person → line links.
  const group = new Map<string, keyof typeof COLOURS>();
  for (const e of data.edges) {
    if (e.attributes?.type !== 'ON_LINE') continue;
    for (const role of list(e.attributes.roles)) {
      const g = ROLE_GROUP[role] ?? 'person';
      const was = group.get(e.source);
      if (!was || GROUP_ORDER.indexOf(g) < GROUP_ORDER.indexOf(was)) group.set(e.source, g);
    }
  }
  const listed: Listed[] = [];
  const radius = Math.sqrt(data.nodes.length) * 10;
  for (const n of data.nodes) {
    const a = n.attributes ?? {};
    const kind = str(a.kind);
    const names = list(a.names);
    const id = str(a.id);
    const angle = hash(n.key) * 2 * Math.PI;
    const r = n.key === centre ? 0 : radius * (0.2 + 0.8 * hash(`${n.key}#r`));
    const base = { x: r * Math.cos(angle), y: r * Math.sin(angle) };
    if (kind === 'person') {
      const flags = (a.flags ?? {}) as { child?: boolean; exploited?: boolean; vulnerable?: boolean };
      const victim = !!(flags.child || flags.exploited);
      const score = typeof a.score === 'number' ? a.score : 0;
      const label = names[0] ?? id;
      graph.addNode(n.key, {
        ...base,
        label: n.key === centre ? `${label} (this person)` : label,
        size: 3 + 10 * Math.sqrt(score) + (n.key === centre ? 3 : 0),
        color: victim ? COLOURS.victim : COLOURS[group.get(n.key) ?? 'person'],
        shape: victim ? 'diamond' : 'circle',
      });
      const rank = typeof a.rank === 'number' ? `ranked ${a.rank}` : typeof a.overallRank === 'number' ? `${a.overallRank} overall` : '';
      const marks = [flags.child && 'child', flags.exploited && 'exploited', flags.vulnerable && 'vulnerable'].filter(Boolean).join(', ');
      listed.push({ key: n.key, kind: 'person', id, label, note: [rank, marks].filter(Boolean).join('; ') });
    } else if (kind === 'line') {
      const label = names[0] ?? id;
      graph.addNode(n.key, { ...base, label, size: 6.5, color: COLOURS.line, shape: 'square' });
      listed.push({ key: n.key, kind: 'line', id, label, note: 'line' });
    } else {
      const label = str(a.number) || str(a.postcode) || (kind === 'area' ? `${str(a.force)}: ${str(a.area)}` : n.key);
      graph.addNode(n.key, { ...base, label, size: 2.5, color: COLOURS.other, shape: 'circle' });
    }
  }
  for (const e of data.edges) {
    const type = e.attributes?.type ?? '';
    const roles = list(e.attributes?.roles).map(roleWords);
    const words = type === 'ON_LINE' && roles.length ? `on line as ${roles.join(', ')}` : (EDGE_WORDS[type] ?? type.toLowerCase());
    const command = COMMAND.has(type);
    graph.addDirectedEdge(e.source, e.target, {
      label: words,
      color: type === 'EXPLOITS' ? COLOURS.victim : command ? '#333333' : type === 'ON_LINE' ? '#8c99a6' : '#cccccc',
      size: command || type === 'EXPLOITS' ? 2 : 1,
    });
  }
  listed.sort((x, y) => (x.kind === y.kind ? x.label.localeCompare(y.label) : x.kind === 'person' ? -1 : 1));
  return { graph, listed };
}
