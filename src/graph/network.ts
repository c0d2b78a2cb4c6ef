import type { MultiDirectedGraph } from 'graphology';
import type { Relationship, Role } from '../matrix/codes.js';
import type { Evidence, GraphLine, GraphPerson } from './model.js';

// Typed node and edge attributes of the line–nominal network. Node keys are
// `person:<id>`, `line:<id>`, `tel:+447…`, `addr:<POSTCODE>`,
// `area:<FORCE>:<AREA>` (STYLE §10); an edge key is `<TYPE>:<source>-><target>`,
// so loading the same facts twice can only ever produce the same graph.

export type PersonNode = { kind: 'person' } & GraphPerson;
export type LineNode = { kind: 'line' } & GraphLine;
export interface TelNode {
  kind: 'tel';
  number: string;
}
export interface AddrNode {
  kind: 'addr';
  postcode: string;
}
export interface AreaNode {
  kind: 'area';
  force: string;
  /** The area as first written (by sorted input), for display. */
  area: string;
}
export type NodeAttrs = PersonNode | LineNode | TelNode | AddrNode | AreaNode;
export type NodeKind = NodeAttrs['kind'];

/** Person → line: every row that put this person on this line, aggregated. */
export interface OnLineEdge {
  type: 'ON_LINE';
  roles: Role[];
  months: string[];
  forces: string[];
  gradings: string[];
  policeContacts: number;
  /** Number of (force, month) rows behind the edge. */
  rows: number;
  /** Strength of the intelligence behind the edge in (0, 1]: see `intel.ts`. */
  confidence: number;
  evidence: Evidence[];
}

/** Person → person (§7), `Exploited By` folded in as EXPLOITS (exploiter → victim). */
export interface PersonEdge {
  type: Relationship;
  sources: ('FORCE' | 'ROCU')[];
  forces: string[];
  gradings: string[];
  confidence: number;
  evidence: Evidence[];
}

export interface UsesNumberEdge {
  type: 'USES_NUMBER';
}
export interface AreaEdge {
  type: 'EXPORTS_FROM' | 'IMPORTS_TO';
}
/** Address → line (§6). */
export interface AddressEdge {
  type: 'ADDRESS_OF';
  addressTypes: string[];
  occupantIds: string[];
  evidence: Evidence[];
}

export type EdgeAttrs = OnLineEdge | PersonEdge | UsesNumberEdge | AreaEdge | AddressEdge;
export type EdgeType = EdgeAttrs['type'];

export interface NetworkAttrs {
  months: string[];
}

export type NetworkGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs, NetworkAttrs>;

/** Relationships that place the source above the target in a line's hierarchy. */
export const COMMAND_RELATIONSHIPS: readonly Relationship[] = ['DIRECTS', 'SUPPLIES', 'EXPLOITS', 'RECRUITED', 'FINANCES'];

export const personKey = (id: string) => `person:${id}`;
export const lineKey = (id: string) => `line:${id}`;
export const telKey = (e164: string) => `tel:${e164}`;
export const addrKey = (postcode: string) => `addr:${normalisePostcode(postcode)}`;
export const areaKey = (force: string, area: string) => `area:${force.toUpperCase()}:${normaliseArea(area)}`;
export const edgeKey = (type: EdgeType, source: string, target: string) => `${type}:${source}->${target}`;

/** Upper case, punctuation dropped, single spaces: `Market  Harborough.` → `MARKET HARBOROUGH`. */
export function normaliseArea(area: string): string {
  return area
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

export function normalisePostcode(postcode: string): string {
  const squashed = postcode.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return squashed.length > 3 ? `${squashed.slice(0, -3)} ${squashed.slice(-3)}` : squashed;
}

export function isPerson(attrs: NodeAttrs): attrs is PersonNode {
  return attrs.kind === 'person';
}
export function isLine(attrs: NodeAttrs): attrs is LineNode {
  return attrs.kind === 'line';
}
