import type { SerializedGraph } from 'graphology-types';
import type { EdgeAttrs, NetworkAttrs, NetworkGraph, NodeAttrs, PersonNode } from './network.js';
import { personFlags, type PersonFlags } from './index.js';

// Serialisers for analysts' tools. JSON is graphology's own serialisation
// (re-importable with `MultiDirectedGraph.from`). GraphML (Brandes et al.,
// graphml.graphdrawing.org, 1.0) and GEXF 1.3 (gexf.net) are what Gephi opens:
// every attribute is declared once with a type; numbers and booleans keep
// theirs, lists and objects are written as JSON text. All text is XML-escaped
// and characters XML 1.0 forbids are dropped, so a hostile name cannot break
// the document.
//
// Person nodes carry where the ranking puts them (rank, overallRank, score)
// and the safeguarding flags as booleans, so a tool can size and colour by
// them. Hand-written rather than graphology-graphml / graphology-gexf:
// graphology-graphml 0.5 publishes no writer, and graphology-gexf 0.13 writes
// a control character such as U+0001 from a name into the document as it is,
// which no XML parser (Gephi's included) will open (checked 2026-12-07).

/** Where the ranking puts a person: drawn on their node in every format. */
export interface Standing {
  /** Place among the controlling minds; null for a child or exploited person. */
  rank: number | null;
  overallRank: number;
  score: number;
}
export type StandingOf = (personId: string) => Standing | undefined;

const noStanding: StandingOf = () => undefined;

/** A person node as exported to JSON: its graph attributes with its standing and flags beside them. */
export type ExportedPerson = PersonNode & Partial<Standing> & { flags: PersonFlags };

export function toJSON(graph: NetworkGraph, standingOf: StandingOf = noStanding): SerializedGraph<NodeAttrs | ExportedPerson, EdgeAttrs, NetworkAttrs> {
  const out: SerializedGraph<NodeAttrs | ExportedPerson, EdgeAttrs, NetworkAttrs> = JSON.parse(JSON.stringify(graph.export()));
  for (const node of out.nodes) {
    const attrs = node.attributes;
    if (attrs?.kind !== 'person') continue;
    const s = standingOf(attrs.id);
    node.attributes = { ...attrs, ...(s && { rank: s.rank, overallRank: s.overallRank, score: s.score }), flags: personFlags(attrs) };
  }
  return out;
}

type AttrType = 'double' | 'boolean' | 'string';
interface Declared {
  id: string;
  name: string;
  type: AttrType;
}
type Flat = Record<string, string | number | boolean>;

export function toGraphML(graph: NetworkGraph, standingOf: StandingOf = noStanding): string {
  const { nodes, edges, nodeKeys, edgeKeys } = flatten(graph, standingOf, 'n', 'e');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [what, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const k of keys) out.push(`  <key id="${k.id}" for="${what}" attr.name="${xml(k.name)}" attr.type="${k.type}"/>`);
  }
  out.push('  <graph id="G" edgedefault="directed">');
  for (const n of nodes) {
    out.push(`    <node id="${xml(n.key)}">`, ...data(n.attrs, nodeKeys), '    </node>');
  }
  for (const e of edges) {
    out.push(`    <edge id="${xml(e.key)}" source="${xml(e.source)}" target="${xml(e.target)}">`, ...data(e.attrs, edgeKeys), '    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

function data(attrs: Flat, keys: Declared[]): string[] {
  return keys.filter((k) => k.name in attrs).map((k) => `      <data key="${k.id}">${xml(String(attrs[k.name]))}</data>`);
}

export function toGEXF(graph: NetworkGraph, standingOf: StandingOf = noStanding): string {
  const { nodes, edges, nodeKeys, edgeKeys } = flatten(graph, standingOf, 'n', 'e');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    '  <meta>',
    '    <creator>county-lines-matrix</creator>',
    '    <description>County lines line–nominal network</description>',
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
  ];
  for (const [what, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    out.push(`    <attributes class="${what}">`);
    for (const k of keys) out.push(`      <attribute id="${k.id}" title="${xml(k.name)}" type="${k.type}"/>`);
    out.push('    </attributes>');
  }
  out.push('    <nodes>');
  for (const n of nodes) {
    out.push(`      <node id="${xml(n.key)}" label="${xml(String(n.attrs.label ?? n.key))}">`, ...attvalues(n.attrs, nodeKeys), '      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  for (const e of edges) {
    const type = xml(String(e.attrs.type));
    out.push(
      `      <edge id="${xml(e.key)}" source="${xml(e.source)}" target="${xml(e.target)}" kind="${type}" label="${type}">`,
      ...attvalues(e.attrs, edgeKeys),
      '      </edge>',
    );
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}

function attvalues(attrs: Flat, keys: Declared[]): string[] {
  const present = keys.filter((k) => k.name in attrs);
  if (present.length === 0) return [];
  return [
    '        <attvalues>',
    ...present.map((k) => `          <attvalue for="${k.id}" value="${xml(String(attrs[k.name]))}"/>`),
    '        </attvalues>',
  ];
}

/** Attributes flattened to scalars, with one declaration per attribute name (typed by every value it takes). */
function flatten(graph: NetworkGraph, standingOf: StandingOf, nodePrefix: string, edgePrefix: string) {
  const nodes: { key: string; attrs: Flat }[] = [];
  const edges: { key: string; source: string; target: string; attrs: Flat }[] = [];
  graph.forEachNode((key, attrs) => nodes.push({ key, attrs: { label: label(attrs), ...flat(attrs), ...flags(attrs), ...standing(attrs, standingOf) } }));
  graph.forEachEdge((key, attrs, source, target) => edges.push({ key, source, target, attrs: flat(attrs) }));
  return {
    nodes,
    edges,
    nodeKeys: declare(nodes.map((n) => n.attrs), nodePrefix),
    edgeKeys: declare(edges.map((e) => e.attrs), edgePrefix),
  };
}

/**
 * A person's safeguarding flags as booleans, so a tool can filter and colour
 * on them; what the returns recorded for Exploited (YES/NO/UNKNOWN) stays
 * beside them as `exploitedRecorded`.
 */
function flags(attrs: NodeAttrs): Flat {
  if (attrs.kind !== 'person') return {};
  return { ...personFlags(attrs), exploitedRecorded: attrs.exploited };
}

/** rank is left out for a child or exploited person (they are not ranked among the controlling minds), as GraphML and GEXF leave out a missing value. */
function standing(attrs: NodeAttrs, standingOf: StandingOf): Flat {
  if (attrs.kind !== 'person') return {};
  const s = standingOf(attrs.id);
  if (!s) return {};
  return { ...(s.rank === null ? {} : { rank: s.rank }), overallRank: s.overallRank, score: s.score };
}

function flat(attrs: object): Flat {
  const out: Flat = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

function declare(rows: Flat[], prefix: string): Declared[] {
  const types = new Map<string, AttrType>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      const t: AttrType = typeof v === 'number' ? 'double' : typeof v === 'boolean' ? 'boolean' : 'string';
      const was = types.get(k);
      types.set(k, was === undefined || was === t ? t : 'string');
    }
  }
  return [...types.keys()].sort().map((name, i) => ({ id: `${prefix}${i}`, name, type: types.get(name)! }));
}

function label(attrs: NodeAttrs): string {
  switch (attrs.kind) {
    case 'person':
    case 'line':
      return attrs.names[0] ?? attrs.id;
    case 'tel':
      return attrs.number;
    case 'addr':
      return attrs.postcode;
    case 'area':
      return `${attrs.force}: ${attrs.area}`;
  }
}

// XML 1.0 Char production: tab, LF, CR, and U+0020 upwards except surrogates, FFFE and FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe in XML element content and in single- or double-quoted attributes. */
export function xml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
