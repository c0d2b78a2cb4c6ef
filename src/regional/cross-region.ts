import type { DeconflictionAlert, MergedLine, MergedPerson } from './model.js';
import { forcesText, personLabel } from './deconfliction.js';

// Deconfliction across regional borders (issue #6): a ROCU sees only its own
// region's data, but must still learn that a force elsewhere is actively
// investigating the same line or person. Matching uses only the certain
// identifiers (a deal number in E.164, a normalised PNC ID), and the alert
// names the other force and nothing else: no refs, names or rows of it.

/** What the returns outside the region hold under ACTIVE_INVESTIGATION (ReturnsRepository.activeIdentifiers). */
export interface ActiveOutside {
  dealNumbers: [force: string, numbers: string[]][];
  pncIds: [force: string, pncId: string][];
}

/** Identifier → the forces outside the region investigating it. */
function indexOutside(outside: ActiveOutside) {
  const lines = new Map<string, Set<string>>();
  const people = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, force: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(force);
  for (const [force, numbers] of outside.dealNumbers) for (const n of numbers) add(lines, n, force);
  for (const [force, pnc] of outside.pncIds) add(people, pnc, force);
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
  outside: ActiveOutside,
): DeconflictionAlert[] {
  const index = indexOutside(outside);
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
    const message =
      `${c.kind === 'person' ? 'Person' : 'Line'} ${c.label} is under active investigation by ${forcesText(forces)}, and by ${c.others.join(', ')} outside the region: ` +
      `contact ${c.others.length === 1 ? 'that force' : 'those forces'} to deconflict.`;
    byKey.set(key, { key, kind: c.kind, entityId: c.id, label: c.label, forces, outsideRegion: c.others, message });
  }
  return [...byKey.values()];
}
