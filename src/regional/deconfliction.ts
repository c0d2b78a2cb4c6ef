import type { DeconflictionAlert, MergedLine, MergedPerson, SourceLineRow, SourceNominalRow } from './model.js';

// Deconfliction (MATRIX-V2 §0, Investigation Status): two forces deploying
// against the same line or the same person must know about each other. A
// line is under investigation in a force when that force's row for it says
// ACTIVE_INVESTIGATION; a person is, in a force, when they are on a line that
// force reports as ACTIVE_INVESTIGATION. Any merged line or person under
// investigation in two or more forces within the merged months raises one
// alert naming each force with its refs.

type PerForce = Map<string, { refs: Set<string>; lineRefs: Set<string>; months: Set<string> }>;

function note(map: PerForce, force: string, ref: string, lineRef: string, month: string) {
  let e = map.get(force);
  if (!e) map.set(force, (e = { refs: new Set(), lineRefs: new Set(), months: new Set() }));
  e.refs.add(ref);
  e.lineRefs.add(lineRef);
  e.months.add(month);
}

const sorted = (s: Set<string>) => [...s].sort();

function forcesOf(map: PerForce): DeconflictionAlert['forces'] {
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([force, e]) => ({ force, refs: sorted(e.refs), lineRefs: sorted(e.lineRefs), months: sorted(e.months) }));
}

/** "LEI (LEI-L001), NTH (NTH-7)": the forces of an alert as its message names them. */
export const forcesText = (forces: DeconflictionAlert['forces']) => forces.map((f) => `${f.force} (${f.refs.join(', ')})`).join(', ');

function alert(kind: 'person' | 'line', entityId: string, label: string, map: PerForce): DeconflictionAlert {
  const forces = forcesOf(map);
  const who = forcesText(forces);
  return {
    key: `${kind}:${entityId}`,
    kind,
    entityId,
    label,
    forces,
    message: `${kind === 'person' ? 'Person' : 'Line'} ${label} is under active investigation by ${forces.length} forces: ${who}.`,
  };
}

export function personLabel(p: MergedPerson): string {
  const surname = p.surnames[0]?.value ?? '?';
  const forenames = p.forenames[0]?.value;
  const dob = p.dobs[0]?.value;
  return `${surname.toUpperCase()}${forenames ? `, ${forenames}` : ''}${dob ? ` (${dob})` : ''}`;
}

/** For each merged line and person: the forces (with their refs) that report it under ACTIVE_INVESTIGATION. */
export function activeInvestigations(lineRows: SourceLineRow[], nominalRows: SourceNominalRow[]) {
  // Force → month → line refs under active investigation: every nominal row is looked up, with no key string made for it.
  const active = new Map<string, Map<string, Set<string>>>();
  for (const r of lineRows) {
    if (r.line.investigation !== 'ACTIVE_INVESTIGATION') continue;
    const months = active.get(r.force) ?? active.set(r.force, new Map()).get(r.force)!;
    (months.get(r.month) ?? months.set(r.month, new Set()).get(r.month)!).add(r.line.ref);
  }
  const byLine = new Map<string, PerForce>();
  for (const r of lineRows) {
    if (r.line.investigation !== 'ACTIVE_INVESTIGATION') continue;
    const map = byLine.get(r.lineId) ?? byLine.set(r.lineId, new Map()).get(r.lineId)!;
    note(map, r.force, r.line.ref, r.line.ref, r.month);
  }
  const byPerson = new Map<string, PerForce>();
  for (const r of nominalRows) {
    if (!active.get(r.force)?.get(r.month)?.has(r.nominal.lineRef)) continue;
    const map = byPerson.get(r.personId) ?? byPerson.set(r.personId, new Map()).get(r.personId)!;
    note(map, r.force, r.nominal.ref, r.nominal.lineRef, r.month);
  }
  return {
    byLine,
    byPerson,
    forces: (kind: 'person' | 'line', id: string): DeconflictionAlert['forces'] => {
      const map = (kind === 'line' ? byLine : byPerson).get(id);
      return map ? forcesOf(map) : [];
    },
  };
}

export function deconflictionAlerts(
  people: MergedPerson[],
  lines: MergedLine[],
  lineRows: SourceLineRow[],
  nominalRows: SourceNominalRow[],
): DeconflictionAlert[] {
  const { byLine, byPerson } = activeInvestigations(lineRows, nominalRows);
  const alerts: DeconflictionAlert[] = [];
  for (const l of lines) {
    const map = byLine.get(l.id);
    if (map && map.size >= 2) alerts.push(alert('line', l.id, l.names[0]?.value ?? l.id, map));
  }
  for (const p of people) {
    const map = byPerson.get(p.id);
    if (map && map.size >= 2) alerts.push(alert('person', p.id, personLabel(p), map));
  }
  return alerts;
}
