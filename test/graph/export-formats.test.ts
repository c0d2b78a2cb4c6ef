import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { toGEXF, toGraphML, toJSON, xml, type StandingOf } from '../../src/graph/export-formats.js';
import { rankControllers } from '../../src/graph/rank.js';
import { egoNetwork } from '../../src/graph/subgraph.js';
import { findAll, parseXml } from './xml-check.js';
import { toyNetwork } from './fixtures.js';

const HOSTILE = `Tom <b>"Smith" & O'Brien</b>\u0001`;
// What a spreadsheet would run, a script tag, quotes and control characters: XML keeps the text, only the forbidden characters go.
const FORMULA = "=cmd|' /C calc'!A0";
const SCRIPT = `<script>alert("x")</script>\u0000\u001b&`;

function hostileGraph() {
  const data = toyNetwork();
  const names: Record<string, string[]> = { C1: [HOSTILE], H1: [FORMULA], D1: [SCRIPT] };
  data.people = data.people.map((p) => (names[p.id] ? { ...p, names: names[p.id]!, ...(p.id === 'C1' && { handlingConditions: ['Do not <disclose> & "share"'] }) } : p));
  data.lines = data.lines.map((l) => (l.id === 'L1' ? { ...l, names: ["JAY'S <LINE>"] } : l));
  return buildGraph(data);
}

/** The ranking of the toy network, as the route hands it to the serialisers. */
function standingOf(g: ReturnType<typeof hostileGraph>): StandingOf {
  const ranked = new Map(rankControllers(g).map((r) => [r.personId, r]));
  return (id) => ranked.get(id);
}

/** A node's data by attribute name, with the declared type of each. */
function graphmlNode(doc: ReturnType<typeof parseXml>, id: string) {
  const keys = new Map(findAll(doc, 'key').filter((k) => k.attrs.for === 'node').map((k) => [k.attrs.id, k.attrs]));
  const node = findAll(doc, 'node').find((n) => n.attrs.id === id)!;
  return Object.fromEntries(node.children.map((d) => [keys.get(d.attrs.key)!['attr.name'], { value: d.text, type: keys.get(d.attrs.key)!['attr.type'] }]));
}

describe('xml', () => {
  it('escapes the five special characters and drops characters XML forbids', () => {
    expect(xml(`<&"'>\u0000\u0008x\uFFFF`)).toBe('&lt;&amp;&quot;&apos;&gt;x');
    expect(xml('tab\tnew\nline ✓ 😀')).toBe('tab\tnew\nline ✓ 😀');
  });
});

describe('toGraphML', () => {
  const g = hostileGraph();
  const doc = parseXml(toGraphML(g));

  it('is well-formed GraphML with a key declared for every data element', () => {
    expect(doc.name).toBe('graphml');
    expect(doc.attrs.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    const keys = new Map(findAll(doc, 'key').map((k) => [k.attrs.id, k]));
    for (const d of findAll(doc, 'data')) expect(keys.has(d.attrs.key)).toBe(true);
    expect(findAll(doc, 'node')).toHaveLength(g.order);
    expect(findAll(doc, 'edge')).toHaveLength(g.size);
    expect(findAll(doc, 'graph')[0].attrs.edgedefault).toBe('directed');
  });

  it('keeps hostile names intact through escaping', () => {
    const keyId = findAll(doc, 'key').find((k) => k.attrs['attr.name'] === 'label' && k.attrs.for === 'node')!.attrs.id;
    const c1 = findAll(doc, 'node').find((n) => n.attrs.id === 'person:C1')!;
    const label = c1.children.find((d) => d.attrs.key === keyId)!.text;
    expect(label).toBe(HOSTILE.replace('\u0001', ''));
  });

  it('declares numbers as double and lists as JSON strings', () => {
    const keys = findAll(doc, 'key');
    expect(keys.find((k) => k.attrs['attr.name'] === 'policeContacts')!.attrs['attr.type']).toBe('double');
    expect(keys.find((k) => k.attrs['attr.name'] === 'names')!.attrs['attr.type']).toBe('string');
  });
});

describe('rank, score and flags on person nodes', () => {
  const g = hostileGraph();
  const standing = standingOf(g);

  it('GraphML: typed rank, overallRank, score and boolean flags, rank left out for a victim', () => {
    const doc = parseXml(toGraphML(g, standing));
    const c1 = graphmlNode(doc, 'person:C1');
    const s = standing('C1')!;
    expect(c1.rank).toEqual({ value: String(s.rank), type: 'double' });
    expect(c1.overallRank).toEqual({ value: String(s.overallRank), type: 'double' });
    expect(Number(c1.score!.value)).toBe(s.score);
    expect(c1.score!.type).toBe('double');
    expect(c1.child).toEqual({ value: 'false', type: 'boolean' });
    expect(c1.exploited).toEqual({ value: 'false', type: 'boolean' });
    // R1: a 15-year-old recorded as exploited: flagged, ranked overall, not among the controlling minds.
    const r1 = graphmlNode(doc, 'person:R1');
    expect(standing('R1')!.rank).toBeNull();
    expect(r1.rank).toBeUndefined();
    expect(r1.overallRank!.value).toBe(String(standing('R1')!.overallRank));
    expect([r1.child!.value, r1.exploited!.value, r1.exploitedRecorded!.value]).toEqual(['true', 'true', 'YES']);
    expect(graphmlNode(doc, 'person:O1').vulnerable!.value).toBe('true');
    // Lines carry no standing.
    expect(graphmlNode(doc, 'line:L1').rank).toBeUndefined();
  });

  it('GraphML and GEXF keep hostile names as text: formula, script tag, quotes; control characters dropped', () => {
    const graphml = toGraphML(g, standing);
    const gexf = toGEXF(g, standing);
    expect(graphml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(gexf).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(graphml).not.toContain('<script>');
    expect(gexf).not.toContain('<script>');
    const doc = parseXml(graphml);
    expect(graphmlNode(doc, 'person:H1').label!.value).toBe(FORMULA);
    expect(graphmlNode(doc, 'person:D1').label!.value).toBe('<script>alert("x")</script>&');
    const gexfNodes = findAll(parseXml(gexf), 'node');
    expect(gexfNodes.find((n) => n.attrs.id === 'person:H1')!.attrs.label).toBe(FORMULA);
    expect(gexfNodes.find((n) => n.attrs.id === 'person:D1')!.attrs.label).toBe('<script>alert("x")</script>&');
  });

  it('GEXF: declares rank and score as double and the flags as boolean, with values on the nodes', () => {
    const doc = parseXml(toGEXF(g, standing));
    const declared = new Map(findAll(doc, 'attribute').map((a) => [a.attrs.title, a.attrs]));
    expect(declared.get('rank')!.type).toBe('double');
    expect(declared.get('score')!.type).toBe('double');
    for (const f of ['child', 'exploited', 'vulnerable']) expect(declared.get(f)!.type).toBe('boolean');
    const c1 = findAll(doc, 'node').find((n) => n.attrs.id === 'person:C1')!;
    const values = new Map(findAll(c1, 'attvalue').map((v) => [v.attrs.for, v.attrs.value]));
    expect(values.get(declared.get('rank')!.id)).toBe(String(standing('C1')!.rank));
  });

  it('JSON: standing and flags beside the graph attributes of each person', () => {
    const back = MultiDirectedGraph.from(toJSON(g, standing));
    expect(back.getNodeAttributes('person:C1')).toMatchObject({ rank: standing('C1')!.rank, score: standing('C1')!.score, flags: { child: false, exploited: false, vulnerable: false } });
    expect(back.getNodeAttributes('person:R1')).toMatchObject({ rank: null, exploited: 'YES', flags: { child: true, exploited: true } });
    expect(back.getNodeAttributes('line:L1')).not.toHaveProperty('rank');
  });
});

describe('toGEXF', () => {
  const g = hostileGraph();
  const doc = parseXml(toGEXF(g));

  it('is well-formed GEXF 1.3 with declared attributes and typed parallel edges', () => {
    expect(doc.name).toBe('gexf');
    expect(doc.attrs.version).toBe('1.3');
    expect(doc.attrs.xmlns).toBe('http://gexf.net/1.3');
    const declared = new Set(findAll(doc, 'attribute').map((a) => a.attrs.id));
    for (const v of findAll(doc, 'attvalue')) expect(declared.has(v.attrs.for)).toBe(true);
    const edges = findAll(doc, 'edge');
    expect(edges).toHaveLength(g.size);
    expect(new Set(edges.map((e) => e.attrs.id)).size).toBe(g.size);
    expect(edges.find((e) => e.attrs.source === 'person:S')!.attrs.kind).toBe('SUPPLIES');
  });

  it('keeps hostile labels intact', () => {
    expect(findAll(doc, 'node').find((n) => n.attrs.id === 'person:C1')!.attrs.label).toBe(HOSTILE.replace('\u0001', ''));
    expect(findAll(doc, 'node').find((n) => n.attrs.id === 'line:L1')!.attrs.label).toBe("JAY'S <LINE>");
  });
});

describe('toJSON and egoNetwork', () => {
  it('round-trips through graphology', () => {
    const g = hostileGraph();
    const back = MultiDirectedGraph.from(toJSON(g));
    expect(back.order).toBe(g.order);
    expect(back.size).toBe(g.size);
    expect((back.getNodeAttributes('person:C1') as { names: string[] }).names).toEqual([HOSTILE]);
  });

  it('takes everything within the given hops of a person', () => {
    const g = buildGraph(toyNetwork());
    expect(egoNetwork(g, 'R1', 0).nodes()).toEqual(['person:R1']);
    const one = egoNetwork(g, 'R1', 1);
    expect(new Set(one.nodes())).toEqual(new Set(['person:R1', 'line:L1', 'person:H1', 'person:D1']));
    expect(one.hasEdge('EXPLOITS:person:H1->person:R1')).toBe(true);
    expect(one.hasEdge('ON_LINE:person:H1->line:L1')).toBe(true);
    expect(egoNetwork(g, 'R1', 2).hasNode('person:C1')).toBe(true);
  });

  it('refuses an unknown person or a bad depth', () => {
    const g = buildGraph(toyNetwork());
    expect(() => egoNetwork(g, 'NOBODY', 1)).toThrow(/No person/);
    expect(() => egoNetwork(g, 'R1', 1.5)).toThrow(/Depth/);
    expect(() => egoNetwork(g, 'R1', 99)).toThrow(/Depth/);
  });
});
