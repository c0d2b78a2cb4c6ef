import type { DeconflictionAlert, MergedLine, MergedPerson, ReturnInput } from './model.js';
import { personLabel } from './deconfliction.js';

// Deconfliction across regional borders (issue #6): a ROCU sees only its own
// region's data, but must still learn that a force elsewhere is actively
// investigating the same line or person. Matching uses only the certain
// identifiers (a deal number in E.164, a normalised PNC ID), and the alert
// names the other force and nothing else: no refs, names or rows of it.

interface Outside {
  lines: Map<string, Set<string>>;
  people: Map<string, Set<string>>;
}

/** Deal numbers and PNC IDs under ACTIVE_INVESTIGATION in returns from outside the region, with the forces holding them. */
function activeOutside(outside: ReturnInput[]): Outside {
  const lines = new Map<string, Set<string>>();
  const people = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, force: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(force);
  for (const { force, parsed } of outside) {
    const active = new Set(parsed.lines.filter((l) => l.investigation === 'ACTIVE_INVESTIGATION').map((l) => l.ref));
    for (const l of parsed.lines) if (active.has(l.ref)) for (const n of l.dealNumbers) add(lines, n, force);
    for (const n of parsed.nominals) if (n.pncId && active.has(n.lineRef)) add(people, n.pncId, force);
  }
  return { lines, people };
}

const forcesFor = (values: { value: string }[], index: Map<string, Set<string>>) =>
  [...new Set(values.flatMap((v) => [...(index.get(v.value) ?? [])]))].sort();

/**
 * The region's alerts with forces outside the region added: an existing alert
 * gains `outsideRegion`, and an entity under investigation in one force of the
 * region and in a force elsewhere gets an alert of its own.
 */
export function withCrossRegionAlerts(
  alerts: DeconflictionAlert[],
  region: { people: MergedPerson[]; lines: MergedLine[]; activeForces: (kind: 'person' | 'line', id: string) => DeconflictionAlert['forces'] },
  outside: ReturnInput[],
): DeconflictionAlert[] {
  const index = activeOutside(outside);
  if (!index.lines.size && !index.people.size) return alerts;
  const byKey = new Map(alerts.map((a) => [a.key, a]));
  const candidates = [
    ...region.lines.map((l) => ({ kind: 'line' as const, id: l.id, label: l.names[0]?.value ?? l.id, others: forcesFor(l.dealNumbers, index.lines) })),
    ...region.people.map((p) => ({ kind: 'person' as const, id: p.id, label: personLabel(p), others: forcesFor(p.pncIds, index.people) })),
  ];
  for (const c of candidates) {
    if (!c.others.length) continue;
    const key = `${c.kind}:${c.id}`;
    const existing = byKey.get(key);
    const forces = existing?.forces ?? region.activeForces(c.kind, c.id);
    if (!forces.length) continue;
    const who = forces.map((f) => `${f.force} (${f.refs.join(', ')})`).join(', ');
    const message =
      `${c.kind === 'person' ? 'Person' : 'Line'} ${c.label} is under active investigation by ${who}, and by ${c.others.join(', ')} outside the region: ` +
      `contact ${c.others.length === 1 ? 'that force' : 'those forces'} to deconflict.`;
    byKey.set(key, { key, kind: c.kind, entityId: c.id, label: c.label, forces, outsideRegion: c.others, message });
  }
  return [...byKey.values()];
}
