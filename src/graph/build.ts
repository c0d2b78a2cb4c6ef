import { MultiDirectedGraph } from 'graphology';
import type { Relationship, Role } from '../matrix/codes.js';
import { GraphInputError } from './errors.js';
import { cmp, sortedUnique, tidyEvidence } from './evidence.js';
import { linkConfidence } from './intel.js';
import type { Evidence, GraphAddress, GraphAssociation, GraphInput, GraphLink } from './model.js';
import {
  addrKey,
  areaKey,
  edgeKey,
  lineKey,
  normalisePostcode,
  personKey,
  telKey,
  type AddressEdge,
  type NetworkGraph,
  type OnLineEdge,
  type PersonEdge,
} from './network.js';
import { CODES } from '../matrix/codes.js';

// The line–nominal network: a two-mode graph of people and lines (Morselli
// 2009, "Inside criminal networks", ch. 3: affiliation networks from case
// files), with the lines' deal numbers, areas and addresses as further nodes,
// and the directed person → person relationships of §7.
//
// Determinism (STYLE §10): nodes are added in key order, aggregated values
// are sorted and de-duplicated, edge keys are derived from their endpoints,
// so the same facts in any order give the same graph. Rows are grouped under
// integer keys (person index × line count + line index) rather than strings:
// at national scale (≈600k rows) that halves the build.

export function buildGraph(input: GraphInput): NetworkGraph {
  const people = [...input.people].sort((a, b) => cmp(a.id, b.id));
  const lines = [...input.lines].sort((a, b) => cmp(a.id, b.id));
  const personAt = indexOf(people, 'person');
  const lineAt = indexOf(lines, 'line');
  const P = people.length;
  const L = lines.length;
  const refs = new ReferenceCheck(personAt, lineAt);

  const graph: NetworkGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({ months: sortedUnique(input.months) });
  for (const p of people) graph.addNode(personKey(p.id), { kind: 'person', ...p });
  for (const l of lines) graph.addNode(lineKey(l.id), { kind: 'line', ...l });
  for (const l of lines) addLineContext(graph, l);

  const links = group(input.links, (k) => {
    const p = refs.person(k.personId, k.evidence);
    const l = refs.line(k.lineId, k.evidence);
    return p < 0 || l < 0 ? -1 : p * L + l;
  });
  const relationships = CODES.relationship;
  const associations = group(input.associations, (a) => {
    const f = refs.person(a.fromId, a.evidence);
    const t = refs.person(a.toId, a.evidence);
    return f < 0 || t < 0 || f === t ? -1 : (relationships.indexOf(a.relationship) * P + f) * P + t;
  });
  const addresses = group(input.addresses, (a) => {
    if (a.occupantId !== null) refs.person(a.occupantId, a.evidence);
    return refs.line(a.lineId, a.evidence);
  });
  refs.throwIfMissing();

  for (const rows of links) {
    const source = personKey(rows[0].personId);
    const target = lineKey(rows[0].lineId);
    graph.addDirectedEdgeWithKey(edgeKey('ON_LINE', source, target), source, target, onLineEdge(rows));
  }
  for (const rows of associations) {
    const source = personKey(rows[0].fromId);
    const target = personKey(rows[0].toId);
    const type = rows[0].relationship;
    graph.addDirectedEdgeWithKey(edgeKey(type, source, target), source, target, personEdge(type, rows));
  }
  // Addresses are grouped per line above; here per postcode within the line.
  for (const rows of addresses) {
    const byPostcode = new Map<string, GraphAddress[]>();
    for (const r of rows) {
      const pc = normalisePostcode(r.postcode);
      byPostcode.set(pc, [...(byPostcode.get(pc) ?? []), r]);
    }
    for (const [postcode, group] of [...byPostcode].sort((a, b) => cmp(a[0], b[0]))) {
      const a = addrKey(postcode);
      const line = lineKey(group[0].lineId);
      if (!graph.hasNode(a)) graph.addNode(a, { kind: 'addr', postcode });
      graph.addDirectedEdgeWithKey(edgeKey('ADDRESS_OF', a, line), a, line, addressEdge(group));
    }
  }
  return graph;
}

function addLineContext(graph: NetworkGraph, l: GraphInput['lines'][number]): void {
  const line = lineKey(l.id);
  for (const n of sortedUnique(l.dealNumbers)) {
    const t = telKey(n);
    if (!graph.hasNode(t)) graph.addNode(t, { kind: 'tel', number: n });
    graph.addDirectedEdgeWithKey(edgeKey('USES_NUMBER', line, t), line, t, { type: 'USES_NUMBER' });
  }
  const areas: { type: 'EXPORTS_FROM' | 'IMPORTS_TO'; force: string; area: string }[] = [
    { type: 'EXPORTS_FROM', force: l.exportingForce, area: l.exportingArea },
    ...l.importingAreas.map((a) => ({ type: 'IMPORTS_TO' as const, ...a })),
  ];
  for (const a of areas) {
    const k = areaKey(a.force, a.area);
    if (!graph.hasNode(k)) graph.addNode(k, { kind: 'area', force: a.force.toUpperCase(), area: a.area });
    const e = edgeKey(a.type, line, k);
    if (!graph.hasEdge(e)) graph.addDirectedEdgeWithKey(e, line, k, { type: a.type });
  }
}

function onLineEdge(rows: GraphLink[]): OnLineEdge {
  const roles: Role[] = [];
  const months: string[] = [];
  const forces: string[] = [];
  const gradings: string[] = [];
  let policeContacts = 0;
  for (const r of rows) {
    addNew(roles, r.role);
    addNew(months, r.month);
    addNew(forces, r.force);
    if (r.grading) addNew(gradings, r.grading);
    policeContacts += r.policeContacts;
  }
  return {
    type: 'ON_LINE',
    roles: roles.sort(cmp),
    months: months.sort(cmp),
    forces: forces.sort(cmp),
    gradings: gradings.sort(cmp),
    policeContacts,
    rows: rows.length,
    confidence: linkConfidence(rows),
    evidence: tidyEvidence(rows.map((r) => r.evidence)),
  };
}

function personEdge(type: Relationship, rows: GraphAssociation[]): PersonEdge {
  // A ROCU enrichment is an independent source of its own, whatever force row it cites.
  const reporters = rows.map((r) => ({ force: r.source === 'ROCU' ? `ROCU:${r.evidence.force}` : r.evidence.force, grading: r.grading }));
  return {
    type,
    sources: sortedUnique(rows.map((r) => r.source)),
    forces: sortedUnique(rows.map((r) => r.evidence.force)),
    gradings: sortedUnique(rows.flatMap((r) => (r.grading ? [r.grading] : []))),
    confidence: linkConfidence(reporters),
    evidence: tidyEvidence(rows.map((r) => r.evidence)),
  };
}

function addressEdge(rows: GraphAddress[]): AddressEdge {
  return {
    type: 'ADDRESS_OF',
    addressTypes: sortedUnique(rows.map((r) => r.type)),
    occupantIds: sortedUnique(rows.flatMap((r) => (r.occupantId ? [r.occupantId] : []))),
    evidence: tidyEvidence(rows.map((r) => r.evidence)),
  };
}

function addNew<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** Rows grouped by a non-negative integer key (negative = skip), groups in key order. */
function group<T>(rows: readonly T[], key: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k < 0) continue;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k)!);
}

function indexOf(items: { id: string }[], what: string): Map<string, number> {
  const at = new Map<string, number>();
  items.forEach((item, i) => {
    if (at.has(item.id)) throw new GraphInputError(`graph.duplicate_${what}`, `${what === 'person' ? 'Person' : 'Line'} ${item.id} appears twice.`);
    at.set(item.id, i);
  });
  return at;
}

/** Collects dangling references so the error names the first few with their rows. */
class ReferenceCheck {
  private readonly missing: { what: string; id: string; evidence: Evidence }[] = [];
  constructor(
    private readonly people: Map<string, number>,
    private readonly lines: Map<string, number>,
  ) {}

  person(id: string, evidence: Evidence): number {
    return this.find(this.people, 'person', id, evidence);
  }

  line(id: string, evidence: Evidence): number {
    return this.find(this.lines, 'line', id, evidence);
  }

  private find(at: Map<string, number>, what: string, id: string, evidence: Evidence): number {
    const i = at.get(id);
    if (i !== undefined) return i;
    if (this.missing.length < 20) this.missing.push({ what, id, evidence });
    return -1;
  }

  throwIfMissing(): void {
    if (this.missing.length === 0) return;
    const first = this.missing[0];
    throw new GraphInputError(
      'graph.unknown_reference',
      `A row refers to ${first.what} ${first.id}, which is not in the input (${first.evidence.force} ${first.evidence.month} ${first.evidence.sheet} row ${first.evidence.row}).`,
      this.missing,
    );
  }
}
