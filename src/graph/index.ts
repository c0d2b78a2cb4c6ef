import type { LineNode, NetworkGraph, OnLineEdge, PersonEdge, PersonNode } from './network.js';
import { COMMAND_RELATIONSHIPS, areaKey } from './network.js';

// The network flattened into compressed sparse rows (CSR) over integer ids, so
// the ranking runs over typed arrays rather than string-keyed maps; at national
// scale (≈30k people, ≈100k person–line edges) this is the difference between
// milliseconds and seconds per pass.

export interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
}

export const VICTIM_CHILD = 1;
export const VICTIM_EXPLOITED = 2;
export const VICTIM_VULNERABLE = 4;

export interface NetworkIndex {
  months: string[];
  people: PersonNode[];
  personKeys: string[];
  personIndex: Map<string, number>;
  lines: LineNode[];
  lineKeys: string[];
  lineIndex: Map<string, number>;
  /** person → lines; `onLine[k]` is the edge of the k-th target. */
  personLines: Csr;
  onLine: OnLineEdge[];
  /** line → people (same edges, transposed); `lineOnLine[k]` indexes `onLine`. */
  linePeople: Csr;
  lineOnLine: Int32Array;
  /** person → person over command relationships (DIRECTS, SUPPLIES, EXPLOITS, RECRUITED, FINANCES). */
  command: Csr;
  commandEdges: PersonEdge[];
  /** Transposed command graph: person → the people above them; `commandUpEdge[k]` indexes `commandEdges`. */
  commandUp: Csr;
  commandUpEdge: Int32Array;
  /** person ↔ person over every relationship, ASSOCIATE included, both directions; `associateEdge[k]` indexes `associateEdges`. */
  associates: Csr;
  associateEdges: PersonEdge[];
  associateEdge: Int32Array;
  /** Bit set of VICTIM_* per person. */
  victim: Uint8Array;
  /** Per line: distinct force ids (exporting, importing, reporting) and importing-area ids. */
  lineForces: Int32Array[];
  lineAreas: Int32Array[];
}

export function indexNetwork(graph: NetworkGraph): NetworkIndex {
  const people: PersonNode[] = [];
  const personKeys: string[] = [];
  const lines: LineNode[] = [];
  const lineKeys: string[] = [];
  graph.forEachNode((key, attrs) => {
    if (attrs.kind === 'person') {
      people.push(attrs);
      personKeys.push(key);
    } else if (attrs.kind === 'line') {
      lines.push(attrs);
      lineKeys.push(key);
    }
  });
  const personIndex = new Map(personKeys.map((k, i) => [k, i]));
  const lineIndex = new Map(lineKeys.map((k, i) => [k, i]));

  const pl: [number, number, OnLineEdge][] = [];
  const cmd: [number, number, PersonEdge][] = [];
  const assoc: [number, number, number][] = [];
  const associateEdges: PersonEdge[] = [];
  const commandSet = new Set<string>(COMMAND_RELATIONSHIPS);
  graph.forEachEdge((_key, attrs, source, target) => {
    if (attrs.type === 'ON_LINE') {
      pl.push([personIndex.get(source)!, lineIndex.get(target)!, attrs]);
    } else if (attrs.type === 'ASSOCIATE' || commandSet.has(attrs.type)) {
      const s = personIndex.get(source)!;
      const t = personIndex.get(target)!;
      assoc.push([s, t, associateEdges.length], [t, s, associateEdges.length]);
      associateEdges.push(attrs as PersonEdge);
      if (attrs.type !== 'ASSOCIATE') cmd.push([s, t, attrs as PersonEdge]);
    }
  });

  const personLines = csr(people.length, pl.map((e) => e[0]), pl.map((e) => e[1]));
  const onLine = permute(pl, personLines.order).map((e) => e[2]);
  const linePeopleRaw = csr(lines.length, pl.map((e) => e[1]), pl.map((e) => e[0]));
  const plOrderIndex = new Int32Array(pl.length);
  personLines.order.forEach((orig, k) => (plOrderIndex[orig] = k));
  const lineOnLine = Int32Array.from(linePeopleRaw.order, (orig) => plOrderIndex[orig]);

  const command = csr(people.length, cmd.map((e) => e[0]), cmd.map((e) => e[1]));
  const commandEdges = permute(cmd, command.order).map((e) => e[2]);
  const cmdOrderIndex = new Int32Array(cmd.length);
  command.order.forEach((orig, k) => (cmdOrderIndex[orig] = k));
  const commandUpRaw = csr(people.length, cmd.map((e) => e[1]), cmd.map((e) => e[0]));
  const commandUpEdge = Int32Array.from(commandUpRaw.order, (orig) => cmdOrderIndex[orig]);

  const associates = csr(people.length, assoc.map((e) => e[0]), assoc.map((e) => e[1]));

  const forceIds = new Map<string, number>();
  const areaIds = new Map<string, number>();
  const id = (m: Map<string, number>, k: string) => m.get(k) ?? (m.set(k, m.size), m.size - 1);
  const lineForces = lines.map((l) =>
    Int32Array.from(new Set([l.exportingForce, ...l.importingAreas.map((a) => a.force), ...l.forces].map((f) => id(forceIds, f.toUpperCase())))),
  );
  const lineAreas = lines.map((l) => Int32Array.from(new Set(l.importingAreas.map((a) => id(areaIds, areaKey(a.force, a.area))))));

  return {
    months: graph.getAttribute('months') ?? [],
    people,
    personKeys,
    personIndex,
    lines,
    lineKeys,
    lineIndex,
    personLines: strip(personLines),
    onLine,
    linePeople: strip(linePeopleRaw),
    lineOnLine,
    command: strip(command),
    commandEdges,
    commandUp: strip(commandUpRaw),
    commandUpEdge,
    associates: strip(associates),
    associateEdges,
    associateEdge: Int32Array.from(associates.order, (k) => assoc[k][2]),
    victim: Uint8Array.from(people, victimFlags),
    lineForces,
    lineAreas,
  };
}

export function victimFlags(p: PersonNode): number {
  return (
    (p.age !== null && p.age < 18 ? VICTIM_CHILD : 0) |
    (p.exploited === 'YES' ? VICTIM_EXPLOITED : 0) |
    (p.vulnerabilities.length > 0 ? VICTIM_VULNERABLE : 0)
  );
}

/** The safeguarding flags every list shows beside a person (issue #11 point 3): CHILD is derived from DOB (MATRIX-V2 §5). */
export interface PersonFlags {
  child: boolean;
  exploited: boolean;
  vulnerable: boolean;
}

export function personFlags(p: PersonNode): PersonFlags {
  const f = victimFlags(p);
  return { child: (f & VICTIM_CHILD) !== 0, exploited: (f & VICTIM_EXPLOITED) !== 0, vulnerable: (f & VICTIM_VULNERABLE) !== 0 };
}

/** Recorded as a child or as exploited: kept out of the controllers ranking and listed for safeguarding instead. */
export const isVictim = (flags: number) => (flags & (VICTIM_CHILD | VICTIM_EXPLOITED)) !== 0;

/** Counting sort of (from, to) pairs into CSR; `order[k]` is the input position of the k-th entry. */
function csr(n: number, from: number[], to: number[]): Csr & { order: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (const f of from) offsets[f + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(from.length);
  const order = new Int32Array(from.length);
  for (let k = 0; k < from.length; k++) {
    const at = cursor[from[k]]++;
    targets[at] = to[k];
    order[at] = k;
  }
  return { offsets, targets, order };
}

const strip = (c: Csr): Csr => ({ offsets: c.offsets, targets: c.targets });
const permute = <T>(rows: T[], order: Int32Array): T[] => Array.from(order, (k) => rows[k]);
