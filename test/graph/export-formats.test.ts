import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { toGEXF, toGraphML, toJSON, xml } from '../../src/graph/export-formats.js';
import { egoNetwork } from '../../src/graph/subgraph.js';
import { findAll, parseXml } from './xml-check.js';
import { toyNetwork } from './fixtures.js';

const HOSTILE = `Tom <b>"Smith" & O'Brien</b>\u0001`;

function hostileGraph() {
  const data = toyNetwork();
  data.people = data.people.map((p) => (p.id === 'C1' ? { ...p, names: [HOSTILE], handlingConditions: ['Do not <disclose> & "share"'] } : p));
  data.lines = data.lines.map((l) => (l.id === 'L1' ? { ...l, names: ["JAY'S <LINE>"] } : l));
  return buildGraph(data);
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
