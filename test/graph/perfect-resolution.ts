import type { Evidence, GraphInput, GraphLine, GraphPerson } from '../../src/graph/model.js';
import { normaliseArea } from '../../src/graph/network.js';
import type { ParsedReturn } from '../../src/matrix/model.js';
import type { World } from '../world/types.js';

// A World's force returns turned into GraphInput using the TRUE person and
// line ids (perfect entity resolution), so the ranking is scored on its own,
// independently of how well the regional merge resolves people and lines.

type Yn = 'YES' | 'NO' | 'UNKNOWN';

export function perfectResolution(world: World): GraphInput {
  const { personOfRecord, lineOfRecord } = world.truth;
  const months = [...world.truth.months].sort();
  const lastMonth = months[months.length - 1];
  const people = new Map<string, PersonAcc>();
  const lines = new Map<string, LineAcc>();
  const out: GraphInput = { months, people: [], lines: [], links: [], associations: [], addresses: [] };

  for (const ret of world.returns) {
    const { force, month } = ret.meta;
    const ev = (sheet: string, row: number): Evidence => ({ force, month, sheet, row });
    const pid = (ref: string) => must(personOfRecord.get(`${force}|${ref}`), `${force}|${ref}`);
    const lid = (ref: string) => must(lineOfRecord.get(`${force}|${ref}`), `${force}|${ref}`);
    for (const l of ret.lines) addLine(lines, lid(l.ref), l, force, month);
    for (const n of ret.nominals) {
      const id = pid(n.ref);
      addPerson(people, id, n, force);
      out.links.push({
        personId: id,
        lineId: lid(n.lineRef),
        role: n.role,
        month,
        force,
        grading: n.bestGrading,
        policeContacts: n.policeContacts,
        evidence: ev('Nominals', n.row),
      });
      for (const by of n.exploitedBy) {
        out.associations.push({ fromId: pid(by), toId: id, relationship: 'EXPLOITS', grading: n.bestGrading, source: 'FORCE', evidence: ev('Nominals', n.row) });
      }
    }
    for (const a of ret.associations) {
      out.associations.push({ fromId: pid(a.fromRef), toId: pid(a.toRef), relationship: a.relationship, grading: a.bestGrading, source: 'FORCE', evidence: ev('Associations', a.row) });
    }
    for (const a of ret.addresses) {
      out.addresses.push({ lineId: lid(a.lineRef), postcode: a.postcode, type: a.type, occupantId: a.occupantRef ? pid(a.occupantRef) : null, evidence: ev('Addresses', a.row) });
    }
  }
  out.people = [...people.values()].map((p) => finishPerson(p, lastMonth));
  out.lines = [...lines.values()].map(finishLine);
  return out;
}

interface PersonAcc {
  id: string;
  names: Set<string>;
  pncIds: Set<string>;
  dobs: Map<string, number>;
  forces: Set<string>;
  vulnerabilities: Set<string>;
  exploited: Yn[];
  safeguarding: Yn[];
  nrm: Yn[];
  handling: Set<string>;
}

function addPerson(acc: Map<string, PersonAcc>, id: string, n: ParsedReturn['nominals'][number], force: string): void {
  let p = acc.get(id);
  if (!p) {
    p = { id, names: new Set(), pncIds: new Set(), dobs: new Map(), forces: new Set(), vulnerabilities: new Set(), exploited: [], safeguarding: [], nrm: [], handling: new Set() };
    acc.set(id, p);
  }
  p.names.add([n.forenames, n.surname].filter(Boolean).join(' '));
  for (const s of n.streetNames) p.names.add(s);
  if (n.pncId) p.pncIds.add(n.pncId);
  if (n.dob) p.dobs.set(n.dob, (p.dobs.get(n.dob) ?? 0) + 1);
  p.forces.add(force);
  for (const v of n.vulnerabilities) p.vulnerabilities.add(v);
  p.exploited.push(n.exploited);
  p.safeguarding.push(n.safeguardingReferral ?? 'UNKNOWN');
  p.nrm.push(n.nrmReferral ?? 'UNKNOWN');
  if (n.handlingCode === 'C' && n.handlingConditions) p.handling.add(n.handlingConditions);
}

const anyYes = (v: Yn[]): Yn => (v.includes('YES') ? 'YES' : v.includes('NO') ? 'NO' : 'UNKNOWN');

function finishPerson(p: PersonAcc, lastMonth: string): GraphPerson {
  const dob = [...p.dobs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  return {
    id: p.id,
    names: [...p.names].sort(),
    pncIds: [...p.pncIds].sort(),
    dob,
    forces: [...p.forces].sort(),
    vulnerabilities: [...p.vulnerabilities].sort(),
    exploited: anyYes(p.exploited),
    age: dob ? ageAtMonthEnd(dob, lastMonth) : null,
    handlingConditions: [...p.handling].sort(),
    safeguardingReferral: anyYes(p.safeguarding),
    nrmReferral: anyYes(p.nrm),
  };
}

/** Whole years at the last day of `month` (`YYYY-MM`). */
export function ageAtMonthEnd(dob: string, month: string): number {
  const [y, m, d] = dob.split('-').map(Number);
  const [ey, em] = month.split('-').map(Number);
  const endDay = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  return ey - y - (em < m || (em === m && endDay < d) ? 1 : 0);
}

interface LineAcc {
  id: string;
  names: Set<string>;
  dealNumbers: Set<string>;
  exporting: Map<string, number>;
  importing: Map<string, { force: string; area: string }>;
  forces: Set<string>;
  months: Set<string>;
  child: Yn[];
  adult: Yn[];
  cuckooing: Yn[];
  handling: Set<string>;
}

function addLine(acc: Map<string, LineAcc>, id: string, l: ParsedReturn['lines'][number], force: string, month: string): void {
  let a = acc.get(id);
  if (!a) {
    a = { id, names: new Set(), dealNumbers: new Set(), exporting: new Map(), importing: new Map(), forces: new Set(), months: new Set(), child: [], adult: [], cuckooing: [], handling: new Set() };
    acc.set(id, a);
  }
  a.names.add(l.name);
  for (const n of l.dealNumbers) a.dealNumbers.add(n);
  const exp = `${l.exportingForce}\u0000${l.exportingArea}`;
  a.exporting.set(exp, (a.exporting.get(exp) ?? 0) + 1);
  for (const i of l.importingAreas) {
    const k = `${i.force}:${normaliseArea(i.area)}`;
    if (!a.importing.has(k)) a.importing.set(k, i);
  }
  a.forces.add(force);
  a.months.add(month);
  a.child.push(l.childExploitation ?? 'UNKNOWN');
  a.adult.push(l.adultExploitation ?? 'UNKNOWN');
  a.cuckooing.push(l.cuckooing ?? 'UNKNOWN');
  if (l.handlingCode === 'C' && l.handlingConditions) a.handling.add(l.handlingConditions);
}

function finishLine(a: LineAcc): GraphLine {
  const [exportingForce, exportingArea] = [...a.exporting].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0][0].split('\u0000');
  return {
    id: a.id,
    names: [...a.names].sort(),
    dealNumbers: [...a.dealNumbers].sort(),
    exportingForce,
    exportingArea,
    importingAreas: [...a.importing.keys()].sort().map((k) => a.importing.get(k)!),
    forces: [...a.forces].sort(),
    months: [...a.months].sort(),
    childExploitation: a.child.includes('YES'),
    adultExploitation: a.adult.includes('YES'),
    cuckooing: a.cuckooing.includes('YES'),
    handlingConditions: [...a.handling].sort(),
  };
}

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`world truth has no record for ${what}`);
  return v;
}
