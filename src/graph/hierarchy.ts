import type { Csr, NetworkIndex } from './index.js';

// Who sits above whom. A breadth-first search down the command relationships
// (DIRECTS, SUPPLIES, EXPLOITS, RECRUITED, FINANCES) from every person gives
// their subordinates (with distance) and the lines they are upstream of: their
// own lines plus every line a subordinate works. A supplier above several
// OCGs is thereby upstream of all the OCGs' lines (Morselli 2009, ch. 2:
// control sits where the flow of orders and commodity starts, not where it is
// most visible). The search stops at `maxDepth` so a mis-recorded cycle or a
// long chain of weak links cannot make everyone upstream of everything.

export interface Hierarchy {
  /** person → subordinates, each reached first at `subDepth` through command edge `subEdge`. */
  subordinates: Csr;
  subDepth: Uint8Array;
  subEdge: Int32Array;
  /** person → lines upstream of; `reachLink[k]` is the person–line edge (index into `onLine`) that supplied it. */
  reach: Csr;
  reachLink: Int32Array;
  /** 0 when the line is the person's own, else the distance to the subordinate on it. */
  reachDepth: Uint8Array;
  /** 1 when someone below the person works the line (also when it is their own). */
  reachBelow: Uint8Array;
}

export function computeHierarchy(index: NetworkIndex, maxDepth: number): Hierarchy {
  const n = index.people.length;
  const { command, personLines } = index;
  const personStamp = new Int32Array(n).fill(-1);
  const lineStamp = new Int32Array(index.lines.length).fill(-1);
  const subOffsets = new Int32Array(n + 1);
  const reachOffsets = new Int32Array(n + 1);
  const sub: number[] = [];
  const subDepth: number[] = [];
  const subEdge: number[] = [];
  const reach: number[] = [];
  const reachLink: number[] = [];
  const reachDepth: number[] = [];
  const reachBelow: number[] = [];
  const lineSlot = new Int32Array(index.lines.length);
  const queue = new Int32Array(n);
  const depth = new Int32Array(n);

  for (let p = 0; p < n; p++) {
    personStamp[p] = p;
    let head = 0;
    let tail = 0;
    queue[tail++] = p;
    depth[p] = 0;
    while (head < tail) {
      const u = queue[head++];
      const d = depth[u];
      for (let k = personLines.offsets[u]; k < personLines.offsets[u + 1]; k++) {
        const l = personLines.targets[k];
        if (lineStamp[l] === p) {
          if (d > 0) reachBelow[lineSlot[l]] = 1;
          continue;
        }
        lineStamp[l] = p;
        lineSlot[l] = reach.length;
        reach.push(l);
        reachLink.push(k);
        reachDepth.push(d);
        reachBelow.push(d > 0 ? 1 : 0);
      }
      if (d >= maxDepth) continue;
      for (let k = command.offsets[u]; k < command.offsets[u + 1]; k++) {
        const v = command.targets[k];
        if (personStamp[v] === p) continue;
        personStamp[v] = p;
        depth[v] = d + 1;
        queue[tail++] = v;
        sub.push(v);
        subDepth.push(d + 1);
        subEdge.push(k);
      }
    }
    subOffsets[p + 1] = sub.length;
    reachOffsets[p + 1] = reach.length;
  }
  return {
    subordinates: { offsets: subOffsets, targets: Int32Array.from(sub) },
    subDepth: Uint8Array.from(subDepth),
    subEdge: Int32Array.from(subEdge),
    reach: { offsets: reachOffsets, targets: Int32Array.from(reach) },
    reachLink: Int32Array.from(reachLink),
    reachDepth: Uint8Array.from(reachDepth),
    reachBelow: Uint8Array.from(reachBelow),
  };
}
