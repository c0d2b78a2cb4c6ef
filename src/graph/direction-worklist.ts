import { COMMAND_RELATIONSHIPS, isLine, isPerson, type NetworkGraph, type OnLineEdge, type PersonEdge } from './network.js';
import type { Role } from '../matrix/codes.js';

// People on several lines with no recorded direction: no DIRECTS, SUPPLIES,
// EXPLOITS, RECRUITED or FINANCES link in or out, from any force or ROCU.
// Without direction the people who sit across an OCG's lines — controllers,
// recruiters, enforcers, suppliers — look alike to the ranking (issue #10,
// docs/ranking.md), so these are the people a ROCU should record direction
// for first: most lines first, then the most forces.

export interface DirectionWorklistEntry {
  personId: string;
  names: string[];
  forces: string[];
  roles: Role[];
  lines: { lineId: string; names: string[] }[];
}

const COMMAND = new Set<string>(COMMAND_RELATIONSHIPS);

export const DIRECTION_WORKLIST_DEFAULTS = { minLines: 2 };

export function directionWorklist(graph: NetworkGraph, { minLines } = DIRECTION_WORKLIST_DEFAULTS): DirectionWorklistEntry[] {
  const entries: DirectionWorklistEntry[] = [];
  graph.forEachNode((node, attrs) => {
    if (!isPerson(attrs)) return;
    const lines: DirectionWorklistEntry['lines'] = [];
    const roles = new Set<Role>();
    let directed = false;
    graph.forEachOutEdge(node, (_e, edge, _s, target, _sa, targetAttrs) => {
      if (edge.type === 'ON_LINE' && isLine(targetAttrs)) {
        lines.push({ lineId: targetAttrs.id, names: targetAttrs.names });
        for (const r of (edge as OnLineEdge).roles) roles.add(r);
      } else if (COMMAND.has((edge as PersonEdge).type) && target !== node) directed = true;
    });
    if (!directed) graph.forEachInEdge(node, (_e, edge) => void (COMMAND.has(edge.type) && (directed = true)));
    if (directed || lines.length < minLines) return;
    lines.sort((a, b) => (a.lineId < b.lineId ? -1 : 1));
    entries.push({ personId: attrs.id, names: attrs.names, forces: attrs.forces, roles: [...roles].sort(), lines });
  });
  return entries.sort((a, b) => b.lines.length - a.lines.length || b.forces.length - a.forces.length || (a.personId < b.personId ? -1 : 1));
}
