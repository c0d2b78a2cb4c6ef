import type { Role } from '../../src/matrix/codes.js';
import type { ParsedReturn } from '../../src/matrix/model.js';

export type Range = readonly [number, number];

/** Probabilities (0–1) of each kind of recording noise; see README.md. */
export interface NoiseLevels {
  nameVariant: number;
  dobMissing: number;
  dobSwap: number;
  dobYearOff: number;
  pncRecorded: number;
  learnedLater: number;
  pncBadCheck: number;
  duplicateRef: number;
  lineNameVariant: number;
  exportAreaAlias: number;
  nilReturn: number;
  missingReturn: number;
  rowDrop: number;
  /** Chance a force reissues nominal refs every month (a fresh ref per person per month), drawn once per force. */
  refsReissued: number;
}

export interface WorldOptions {
  seed: number;
  forces: string[];
  exportingForces: string[];
  months: string[];
  ocgs: number;
  suppliers: number;
  controllersPerOcg: Range;
  linesPerOcg: Range;
  peoplePerLine: Range;
  importingForcesPerLine: Range;
  /** Chance a line's holder, runner or local street-level slot goes to someone already working for the OCG. */
  sharing: number;
  recordRoles: boolean;
  visibility: number;
  noise: NoiseLevels;
}

export type WorldOptionsInput = Partial<Omit<WorldOptions, 'noise'>> & { noise?: Partial<NoiseLevels> };

export type Tier = 'supplier' | 'controller' | 'middle' | 'street';

export interface TruePerson {
  id: string;
  tier: Tier;
  role: Role;
  /** The OCG the person works for; null for suppliers (see `ocgIds`). */
  ocgId: string | null;
  ocgIds: string[];
  forenames: string;
  surname: string;
  streetNames: string[];
  gender: 'M' | 'F';
  dob: string;
  /** Under 18 at the end of the window's first month. */
  child: boolean;
  exploited: boolean;
  vulnerabilities: string[];
  /** True ids of the people who exploit this person. */
  exploitedBy: string[];
  pncId: string | null;
  phones: string[];
  homeForce: string;
  homeArea: string;
  homePostcodeDistrict: string;
  lineIds: string[];
  /** A different true person this one is easy to confuse with: a sibling in the same OCG (surname, district) or a namesake. */
  lookalike: { id: string; kind: 'SIBLING' | 'NAMESAKE' } | null;
}

export interface LineMember {
  personId: string;
  role: Role;
  /** Month indices (see dates.ts) of the first and last month on the line. */
  from: number;
  to: number;
  /** For street-level people: the importing force they work in (null = exporting side). */
  force: string | null;
}

export interface TrueLine {
  id: string;
  ocgId: string;
  name: string;
  /** `from`/`to` are `YYYY-MM`; `to` null while in use. Two entries = a line swap. */
  dealNumbers: { number: string; from: string; to: string | null }[];
  exportingForce: string;
  exportingArea: string;
  importingAreas: { force: string; area: string }[];
  /** May be before the window. */
  startMonth: string;
  closedMonth: string | null;
  dormantMonths: string[];
  drugTypes: string[];
  violence: boolean;
  weapons: string[];
  controllerIds: string[];
  members: LineMember[];
}

export interface TrueOcg {
  id: string;
  force: string;
  area: string;
  controllerIds: string[];
  supplierIds: string[];
  lineIds: string[];
  memberIds: string[];
}

export interface TrueAddress {
  id: string;
  postcode: string;
  force: string;
  type: 'CUCKOOED' | 'TRAP_HOUSE' | 'STASH';
  lineId: string;
  occupantId: string | null;
}

export interface TrueAssociation {
  fromId: string;
  toId: string;
  relationship: 'DIRECTS' | 'SUPPLIES' | 'RECRUITED' | 'EXPLOITS' | 'FINANCES' | 'ASSOCIATE';
}

/** A line, or a person on such lines, under ACTIVE_INVESTIGATION in two or more forces in one month. */
export interface Deconfliction {
  kind: 'line' | 'person';
  /** True line or person id. */
  id: string;
  month: string;
  forces: string[];
}

export interface Truth {
  months: string[];
  people: TruePerson[];
  lines: TrueLine[];
  ocgs: TrueOcg[];
  addresses: TrueAddress[];
  associations: TrueAssociation[];
  personOfRecord: Map<string, string>;
  lineOfRecord: Map<string, string>;
  ocgOfRecord: Map<string, string>;
  deconflictions: Deconfliction[];
  missingReturns: { force: string; month: string }[];
}

export interface World {
  options: WorldOptions;
  truth: Truth;
  returns: ParsedReturn[];
}
