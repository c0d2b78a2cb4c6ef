import type { Relationship, Role } from '../matrix/codes.js';

// What the network is built from: resolved people and lines (the output of
// the regional/national merge), with every link traceable to the rows behind it.

/** A row of a force's return that supplied a fact. `sheet` is a guidance sheet name, or `ROCU` for enrichments. */
export interface Evidence {
  force: string;
  month: string;
  sheet: string;
  row: number;
}

export interface GraphPerson {
  id: string;
  names: string[];
  pncIds: string[];
  dob: string | null;
  forces: string[];
  vulnerabilities: string[];
  /** YES if any row said YES, else NO if any said NO, else UNKNOWN. */
  exploited: 'YES' | 'NO' | 'UNKNOWN';
  /** Age in whole years at the end of the latest month in the window, when a DOB is known. */
  age: number | null;
  handlingConditions: string[];
  /** YES if any row said YES, else NO if any said NO, else UNKNOWN (§5 Safeguarding Referral). Absent = not carried. */
  safeguardingReferral?: 'YES' | 'NO' | 'UNKNOWN';
  /** As `safeguardingReferral`, for the National Referral Mechanism (§5 NRM Referral). */
  nrmReferral?: 'YES' | 'NO' | 'UNKNOWN';
}

export interface GraphLine {
  id: string;
  names: string[];
  dealNumbers: string[];
  exportingForce: string;
  exportingArea: string;
  importingAreas: { force: string; area: string }[];
  forces: string[];
  months: string[];
  childExploitation: boolean;
  adultExploitation: boolean;
  cuckooing: boolean;
  handlingConditions: string[];
}

/** One person on one line in one force's return for one month. */
export interface GraphLink {
  personId: string;
  lineId: string;
  role: Role;
  month: string;
  force: string;
  grading: string | null;
  policeContacts: number;
  evidence: Evidence;
}

export interface GraphAssociation {
  fromId: string;
  toId: string;
  /** `EXPLOITS` is also used for a nominal's `Exploited By` (exploiter → victim). */
  relationship: Relationship;
  grading: string | null;
  source: 'FORCE' | 'ROCU';
  evidence: Evidence;
}

export interface GraphAddress {
  lineId: string;
  postcode: string;
  type: string;
  occupantId: string | null;
  evidence: Evidence;
}

export interface GraphInput {
  /** The months the input covers, ascending `YYYY-MM`. */
  months: string[];
  people: GraphPerson[];
  lines: GraphLine[];
  links: GraphLink[];
  associations: GraphAssociation[];
  addresses: GraphAddress[];
}
