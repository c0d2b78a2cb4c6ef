import type { Line, Nominal, ParsedReturn } from '../../src/matrix/model.js';
import { DEFAULT_THRESHOLDS } from '../../src/regional/people.js';
import type { MergeInput, ReturnInput } from '../../src/regional/model.js';

// Hand-built returns for the regional merge tests: each test states only the
// values it is about; everything else is a plain valid default.

let rowCounter = 2;

export function line(ref: string, overrides: Partial<Line> = {}): Line {
  return {
    row: rowCounter++,
    ref,
    name: 'JAY',
    dealNumbers: ['+447700900001'],
    exportingForce: 'MET',
    exportingArea: 'Lambeth',
    importingAreas: [{ force: 'LEI', area: 'Loughborough' }],
    status: 'ACTIVE',
    investigation: 'INTEL_ONLY',
    closedDate: null,
    firstSeen: '2025-10-01',
    lastActivity: '2026-01-20',
    drugTypes: ['HEROIN', 'CRACK'],
    childExploitation: 'NO',
    adultExploitation: 'NO',
    cuckooing: 'NO',
    violence: 'NO',
    weapons: [],
    intelReports: 2,
    bestGrading: '2B',
    evidential: 'NO',
    handlingCode: 'P',
    handlingConditions: null,
    ocgUrn: null,
    notes: null,
    ...overrides,
  };
}

export function nominal(ref: string, lineRef: string, overrides: Partial<Nominal> = {}): Nominal {
  return {
    row: rowCounter++,
    ref,
    lineRef,
    role: 'RUNNER',
    surname: 'Smith',
    forenames: 'John',
    streetNames: [],
    dob: null,
    gender: 'M',
    pncId: null,
    homeForce: null,
    homePostcodeDistrict: null,
    vulnerabilities: [],
    exploited: 'NO',
    exploitedBy: [],
    safeguardingReferral: null,
    nrmReferral: null,
    policeContacts: 1,
    arrested: null,
    phoneNumbers: [],
    bestGrading: null,
    handlingCode: 'P',
    handlingConditions: null,
    ...overrides,
  };
}

export function ret(
  force: string,
  month: string,
  lines: Line[],
  nominals: Nominal[],
  extra: Partial<Pick<ParsedReturn, 'addresses' | 'associations'>> = {},
): ReturnInput {
  return {
    returnId: `${force}-${month}`,
    force,
    month,
    parsed: {
      meta: { force, month, guidanceVersion: 2, nilReturn: lines.length === 0, preparedBy: 'DC 1234', contactEmail: null },
      lines,
      nominals,
      addresses: extra.addresses ?? [],
      associations: extra.associations ?? [],
    },
  };
}

export function input(returns: ReturnInput[], overrides: Partial<MergeInput> = {}): MergeInput {
  const n = { person: 0, line: 0 };
  return {
    scope: 'EAST_MIDLANDS',
    months: [...new Set(returns.map((r) => r.month))].sort(),
    returns,
    decisions: [],
    priorPersonIds: new Map(),
    priorLineIds: new Map(),
    thresholds: DEFAULT_THRESHOLDS,
    newId: (kind) => `${kind === 'person' ? 'P' : 'L'}${++n[kind]}`,
    ...overrides,
  };
}

/** Two forces each reporting one person on their own line; the merge tells whether they are one person. */
export function twoForces(a: Partial<Nominal>, b: Partial<Nominal>): ReturnInput[] {
  return [
    ret('LEI', '2026-01', [line('L1', { dealNumbers: ['+447700900001'] })], [nominal('N1', 'L1', a)]),
    ret('NTH', '2026-01', [line('X9', { dealNumbers: ['+447700900002'], name: 'BUGZY', importingAreas: [{ force: 'NTH', area: 'Corby' }] })], [nominal('P7', 'X9', b)]),
  ];
}
