import type { GraphAddress, GraphAssociation, GraphInput, GraphLine, GraphPerson } from '../graph/model.js';
import type { Evidence, MergedLine, MergedPerson, MergeResult, ReturnInput } from './model.js';
import { areaKey } from './normalise.js';

// The merge result as the graph builder's input (src/graph/model.ts): merged
// people and lines, person–line links, person–person associations from every
// return (and each nominal's Exploited By, as EXPLOITS exploiter → victim),
// addresses with their occupants, ROCU association enrichments (source
// 'ROCU'), and each person's Safeguarding / NRM Referral (§5) for the
// safeguarding list. Every force fact keeps the row it came from.

function ageAt(dob: string, month: string): number {
  const [y, m] = month.split('-').map(Number);
  const end = new Date(Date.UTC(y, m, 0));
  const [by, bm, bd] = dob.split('-').map(Number);
  let age = end.getUTCFullYear() - by;
  if (end.getUTCMonth() + 1 < bm || (end.getUTCMonth() + 1 === bm && end.getUTCDate() < bd)) age--;
  return age;
}

type Referral = 'YES' | 'NO' | 'UNKNOWN';
interface Referrals {
  safeguardingReferral: Referral;
  nrmReferral: Referral;
}

/** YES if any row said YES, else NO if any said NO, else UNKNOWN (as GraphPerson documents). */
const combine = (was: Referral, row: 'YES' | 'NO' | null): Referral =>
  was === 'YES' || row === 'YES' ? 'YES' : was === 'NO' || row === 'NO' ? 'NO' : 'UNKNOWN';

const rowOf = (e: Evidence) => `${e.force}|${e.month}|${e.sheet}|${e.row}`;

/**
 * The names as forces recorded them, most supported first: each forename with the surnames of its own rows,
 * and a surname alone where a row gave no forename. Every forename with every surname showed names nobody
 * recorded (NATHAN NATHAN, from a force that swapped the two columns; one force's typo with another's spelling).
 */
function recordedNames(p: MergedPerson): string[] {
  const surnameRows = p.surnames.map((s) => new Set(s.sources.map(rowOf)));
  const withForename = new Set<string>();
  const names: string[] = [];
  for (const f of p.forenames) {
    const rows = f.sources.map(rowOf);
    for (const r of rows) withForename.add(r);
    p.surnames.forEach((s, i) => rows.some((r) => surnameRows[i].has(r)) && names.push(`${f.value} ${s.value}`));
  }
  p.surnames.forEach((s, i) => [...surnameRows[i]].some((r) => !withForename.has(r)) && names.push(s.value));
  return names.length ? names : p.surnames.map((s) => s.value);
}

function graphPerson(p: MergedPerson, lastMonth: string, referrals: Referrals | undefined): GraphPerson {
  const dob = p.dobs[0]?.value ?? null;
  return {
    id: p.id,
    names: [...new Set([...recordedNames(p), ...p.streetNames.map((s) => s.value)].map((n) => n.toUpperCase()))],
    pncIds: p.pncIds.map((x) => x.value),
    dob,
    forces: p.forces,
    vulnerabilities: p.vulnerabilities.map((v) => v.value).sort(),
    exploited: p.exploited,
    age: dob ? ageAt(dob, lastMonth) : null,
    handlingConditions: p.handlingConditions,
    safeguardingReferral: referrals?.safeguardingReferral ?? 'UNKNOWN',
    nrmReferral: referrals?.nrmReferral ?? 'UNKNOWN',
  };
}

function graphLine(l: MergedLine): GraphLine {
  const areas = new Map<string, { force: string; area: string }>();
  for (const { value } of l.importingAreas) {
    const i = value.indexOf(':');
    const a = { force: value.slice(0, i), area: value.slice(i + 1) };
    const k = areaKey(a.force, a.area);
    if (!areas.has(k)) areas.set(k, a);
  }
  return {
    id: l.id,
    names: l.names.map((n) => n.value),
    dealNumbers: l.dealNumbers.map((d) => d.value),
    exportingForce: l.exportingForces[0]?.value ?? '',
    exportingArea: l.exportingAreas[0]?.value ?? '',
    importingAreas: [...areas.values()],
    forces: l.forces,
    months: l.months,
    childExploitation: l.childExploitation,
    adultExploitation: l.adultExploitation,
    cuckooing: l.cuckooing,
    handlingConditions: l.handlingConditions,
  };
}

export function toGraphInput(result: MergeResult, returns: ReturnInput[]): GraphInput {
  const months = new Set(result.months);
  const inWindow = returns.filter((r) => months.has(r.month));
  const person = (force: string, ref: string) => result.personIdByRecord.get(`${force}|${ref}`);
  const associations: GraphAssociation[] = [];
  const addresses: GraphAddress[] = [];
  const referrals = new Map<string, Referrals>();
  for (const r of inWindow) {
    for (const a of r.parsed.associations) {
      const fromId = person(r.force, a.fromRef);
      const toId = person(r.force, a.toRef);
      if (!fromId || !toId || fromId === toId) continue;
      associations.push({
        fromId, toId, relationship: a.relationship, grading: a.bestGrading, source: 'FORCE',
        evidence: { force: r.force, month: r.month, sheet: 'Associations', row: a.row },
      });
    }
    for (const n of r.parsed.nominals) {
      const victim = person(r.force, n.ref);
      if (victim) {
        const was = referrals.get(victim) ?? { safeguardingReferral: 'UNKNOWN', nrmReferral: 'UNKNOWN' };
        referrals.set(victim, {
          safeguardingReferral: combine(was.safeguardingReferral, n.safeguardingReferral),
          nrmReferral: combine(was.nrmReferral, n.nrmReferral),
        });
      }
      for (const exploiterRef of n.exploitedBy) {
        const exploiter = person(r.force, exploiterRef);
        if (!victim || !exploiter || exploiter === victim) continue;
        associations.push({
          fromId: exploiter, toId: victim, relationship: 'EXPLOITS', grading: n.bestGrading, source: 'FORCE',
          evidence: { force: r.force, month: r.month, sheet: 'Nominals', row: n.row },
        });
      }
    }
    for (const a of r.parsed.addresses) {
      const lineId = result.lineIdByRecord.get(`${r.force}|${a.lineRef}`);
      if (!lineId) continue;
      addresses.push({
        lineId, postcode: a.postcode, type: a.type,
        occupantId: a.occupantRef ? (person(r.force, a.occupantRef) ?? null) : null,
        evidence: { force: r.force, month: r.month, sheet: 'Addresses', row: a.row },
      });
    }
  }
  const ids = new Set(result.people.map((p) => p.id));
  result.enrichments.forEach((e, i) => {
    if (e.kind !== 'association' || !e.personId || !e.targetPersonId || !e.relationship) return;
    if (!ids.has(e.personId) || !ids.has(e.targetPersonId) || e.personId === e.targetPersonId) return;
    associations.push({
      fromId: e.personId, toId: e.targetPersonId, relationship: e.relationship, grading: null, source: 'ROCU',
      evidence: { force: result.scope, month: e.createdAt.slice(0, 7), sheet: 'ROCU', row: i + 1 },
    });
  });
  const lastMonth = result.months[result.months.length - 1];
  return {
    months: result.months,
    people: result.people.map((p) => graphPerson(p, lastMonth, referrals.get(p.id))),
    lines: result.lines.map(graphLine),
    links: result.links.map(({ nominalRef: _n, lineRef: _l, ...link }) => link),
    associations,
    addresses,
  };
}
