import type { Relationship, Role } from '../../src/matrix/codes.js';
import type { GraphAssociation, GraphInput, GraphLine, GraphLink, GraphPerson } from '../../src/graph/model.js';

// Typed builders for tiny hand-built networks (STYLE §15: fixtures built by
// code, so a reader sees what is in them).

let row = 1;

export function person(id: string, over: Partial<GraphPerson> = {}): GraphPerson {
  return {
    id,
    names: [`Name ${id}`],
    pncIds: [],
    dob: null,
    forces: ['MET'],
    vulnerabilities: [],
    exploited: 'NO',
    age: 30,
    handlingConditions: [],
    ...over,
  };
}

export function line(id: string, over: Partial<GraphLine> = {}): GraphLine {
  return {
    id,
    names: [`BRAND-${id}`],
    dealNumbers: [`+44770000${id.replace(/\D/g, '').padStart(4, '0')}`],
    exportingForce: 'MET',
    exportingArea: 'Lambeth',
    importingAreas: [{ force: 'LEI', area: 'Leicester' }],
    forces: ['MET', 'LEI'],
    months: ['2026-01'],
    childExploitation: false,
    adultExploitation: false,
    cuckooing: false,
    handlingConditions: [],
    ...over,
  };
}

export function link(personId: string, lineId: string, over: Partial<Omit<GraphLink, 'personId' | 'lineId'>> = {}): GraphLink {
  const force = over.force ?? 'MET';
  const month = over.month ?? '2026-01';
  return {
    personId,
    lineId,
    role: 'UNKNOWN' as Role,
    month,
    force,
    grading: '2B',
    policeContacts: 0,
    evidence: { force, month, sheet: 'Nominals', row: row++ },
    ...over,
  };
}

export function assoc(fromId: string, relationship: Relationship, toId: string, over: Partial<GraphAssociation> = {}): GraphAssociation {
  const force = over.evidence?.force ?? 'MET';
  return {
    fromId,
    toId,
    relationship,
    grading: '2B',
    source: 'FORCE',
    evidence: { force, month: '2026-01', sheet: over.source === 'ROCU' ? 'ROCU' : 'Associations', row: row++ },
    ...over,
  };
}

export function input(parts: Partial<GraphInput>): GraphInput {
  return { months: ['2026-01'], people: [], lines: [], links: [], associations: [], addresses: [], ...parts };
}

/**
 * A small county-lines picture with a known answer: supplier S above
 * controllers C1 (lines L1, L2) and C2 (L3); line holders H1–H3; exploited
 * runners R1 (a child) and R2; a street dealer D1 with many police contacts;
 * a cuckooed occupant O1. The importing force records C1 only as ASSOCIATE.
 */
export function toyNetwork(opts: { roles?: boolean } = {}): GraphInput {
  row = 1;
  const roles = opts.roles ?? true;
  const r = (role: Role): Role => (roles ? role : 'UNKNOWN');
  const months = ['2026-01', '2026-02', '2026-03'];
  const every = (p: string, l: string, role: Role, over: Partial<GraphLink> = {}) =>
    months.map((month) => link(p, l, { role: r(role), month, ...over }));
  return input({
    months,
    people: [
      person('S', { forces: [] }),
      person('C1'),
      person('C2', { forces: ['WMP'] }),
      person('H1'),
      person('H2'),
      person('H3', { forces: ['WMP'] }),
      person('R1', { age: 15, exploited: 'YES', forces: ['LEI'], safeguardingReferral: 'NO' }),
      person('R2', { exploited: 'YES', vulnerabilities: ['DEBT_BONDAGE'], forces: ['NTH'], safeguardingReferral: 'YES' }),
      person('D1', { forces: ['LEI'] }),
      person('O1', { vulnerabilities: ['SUBSTANCE_DEPENDENCY'], forces: ['NTH'] }),
    ],
    lines: [
      line('L1'),
      line('L2', { importingAreas: [{ force: 'NTH', area: 'Northampton' }, { force: 'LEI', area: 'Loughborough' }], forces: ['MET', 'NTH', 'LEI'] }),
      line('L3', { exportingForce: 'WMP', exportingArea: 'Handsworth', importingAreas: [{ force: 'DER', area: 'Derby' }], forces: ['WMP', 'DER'] }),
    ],
    links: [
      ...every('C1', 'L1', 'CONTROLLER'),
      link('C1', 'L1', { role: 'ASSOCIATE', force: 'LEI', grading: '3C' }),
      ...every('C1', 'L2', 'CONTROLLER'),
      ...every('C2', 'L3', 'CONTROLLER', { force: 'WMP' }),
      ...every('H1', 'L1', 'LINE_HOLDER', { policeContacts: 1 }),
      ...every('H2', 'L2', 'LINE_HOLDER', { policeContacts: 1 }),
      ...every('H3', 'L3', 'LINE_HOLDER', { force: 'WMP', policeContacts: 1 }),
      link('R1', 'L1', { role: r('RUNNER'), force: 'LEI', policeContacts: 4, month: '2026-02' }),
      link('R1', 'L1', { role: r('RUNNER'), force: 'LEI', policeContacts: 5, month: '2026-03' }),
      link('R2', 'L2', { role: r('RUNNER'), force: 'NTH', policeContacts: 3, month: '2026-03' }),
      ...every('D1', 'L1', 'STREET_DEALER', { force: 'LEI', policeContacts: 6 }),
      link('O1', 'L2', { role: r('CUCKOOED_OCCUPANT'), force: 'NTH', policeContacts: 2, month: '2026-02' }),
    ],
    associations: [
      assoc('S', 'SUPPLIES', 'C1', { source: 'ROCU' }),
      assoc('S', 'SUPPLIES', 'C2', { source: 'ROCU' }),
      assoc('C1', 'DIRECTS', 'H1'),
      assoc('C1', 'DIRECTS', 'H2'),
      assoc('C2', 'DIRECTS', 'H3', { evidence: { force: 'WMP', month: '2026-01', sheet: 'Associations', row: 900 } }),
      assoc('H1', 'EXPLOITS', 'R1'),
      assoc('H2', 'EXPLOITS', 'R2'),
      assoc('D1', 'ASSOCIATE', 'R1'),
    ],
    addresses: [{ lineId: 'L2', postcode: 'nn1 1aa', type: 'CUCKOOED', occupantId: 'O1', evidence: { force: 'NTH', month: '2026-02', sheet: 'Addresses', row: 2 } }],
  });
}
