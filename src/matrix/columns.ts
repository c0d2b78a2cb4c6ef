// The workbook layout of MATRIX-V2 §3–§7: sheets, columns, how each cell is
// read and which rule reports a value it cannot read. This is also the one
// place for header spellings: a header matches its name or any alias ignoring
// case, spaces and punctuation ("Line_Ref", "line ref", "Deal Number(s)").
// The template and docs/guidance.md are generated from this table.
import { CODES } from './codes.js';
import { FORCES } from '../reference/forces.js';
import * as p from './values.js';
import type { Parser } from './values.js';

export interface ColumnSpec<T = unknown> {
  header: string;
  aliases: readonly string[];
  parse: Parser<T>;
  /** Rule (id without version prefix) that reports a missing or unreadable value; null for free text that cannot be wrong. */
  rule: string | null;
  /** How messages name one value, e.g. "Deal number". */
  noun: string;
  /** For the template: cell note, format and drop-down choices. */
  note: string;
  format?: 'date' | 'text';
  choices?: readonly string[];
  /** Several values allowed in the cell (the drop-down then only suggests). */
  multi?: boolean;
  /** The cell also takes values the drop-down does not list; this says which (the drop-down then only suggests). */
  alsoTyped?: string;
}

type Extra = Partial<Pick<ColumnSpec, 'aliases' | 'noun' | 'format' | 'choices' | 'multi' | 'alsoTyped'>>;

function col<T>(header: string, parse: Parser<T>, rule: string | null, note: string, extra: Extra = {}): ColumnSpec<T> {
  return { header, parse, rule, note, aliases: [], noun: header, ...extra };
}

/** §8 and "Force names" in interpretations.ts: every force column takes a code or the full name; the drop-down offers the codes. */
const FORCE_LIST = { choices: FORCES.map((f) => f.code), alsoTyped: 'Pick a force code, or type the full force name (e.g. Leicestershire).' };
const YN = { choices: CODES.yesNo };
const YNU = { choices: CODES.yesNoUnknown };

export const RETURN_FIELDS = {
  force: col('Force', p.force, 'RETURN-FORCE', 'Your force code (e.g. LEI) or full force name.', {
    aliases: ['Force Code', 'Force Name', 'Reporting Force'],
    ...FORCE_LIST,
  }),
  month: col('Reporting Month', p.month, 'RETURN-MONTH', 'The month reported, YYYY-MM (e.g. 2024-03).', {
    aliases: ['Month', 'Return Month', 'Reporting Period'],
    format: 'text',
  }),
  version: col('Guidance Version', p.version, 'RETURN-VERSION', 'The guidance the return follows: 2.', {
    aliases: ['Version', 'Guidance'],
    choices: ['1', '2'],
  }),
  nilReturn: col('Nil Return', p.code('yesNo'), 'RETURN-NIL', 'YES if there is no line to report this month (leave Lines empty), otherwise NO.', {
    aliases: ['Nil', 'Nil Return?'],
    ...YN,
  }),
  preparedBy: col('Prepared By', p.text(120), 'RETURN-PREPARED', 'Name or collar number of the analyst.', {
    aliases: ['Prepared', 'Analyst', 'Completed By'],
  }),
  contactEmail: col('Contact Email', p.email, 'RETURN-EMAIL', 'Optional: an e-mail address for questions about this return.', {
    aliases: ['Email', 'E-mail', 'Contact', 'Contact E-mail Address'],
  }),
};

export const LINE_COLUMNS = {
  ref: col('Line Ref', p.ref, 'LINE-REF', "Your force's reference for the line: 2–32 letters, digits or hyphens, unique.", {
    aliases: ['Line Reference', 'Line ID', 'Line Ref No', 'Line Number Ref'],
    format: 'text',
  }),
  name: col('Line Name', p.text(60), 'LINE-NAME', 'The brand the line trades under, e.g. JAY.', { aliases: ['Line Brand', 'Brand', 'Name'] }),
  dealNumbers: col('Deal Numbers', p.phones, 'LINE-NUMBER', 'UK mobile deal numbers (07…), several separated by ; or a line break.', {
    aliases: ['Deal Number', 'Deal Line Numbers', 'Deal Line', 'Phone Numbers', 'Mobile Numbers'],
    noun: 'Deal number',
    format: 'text',
  }),
  exportingForce: col('Exporting Force', p.force, 'LINE-EXPFORCE', 'Force of the area the drugs come from: code (e.g. MET) or full force name.', {
    aliases: ['Export Force', 'Originating Force', 'Exporting Force Code'],
    ...FORCE_LIST,
  }),
  exportingArea: col('Exporting Area', p.text(120), 'LINE-EXPAREA', 'Town, city or borough the drugs come from.', {
    aliases: ['Export Area', 'Originating Area', 'Exporting Town'],
  }),
  importingAreas: col('Importing Areas', p.importingAreas, 'LINE-IMPAREA', 'Where the line supplies, as FORCE:Area, e.g. LEI:Loughborough; LEI:Market Harborough.', {
    aliases: ['Importing Area', 'Import Areas', 'Import Area'],
    noun: 'Importing area',
  }),
  status: col('Line Status', p.code('lineStatus'), 'LINE-STATUS', 'ACTIVE, DORMANT or CLOSED.', { aliases: ['Status'], choices: CODES.lineStatus }),
  investigation: col('Investigation Status', p.code('investigation'), 'LINE-INVESTIGATION', 'ACTIVE_INVESTIGATION (resources deployed) or INTEL_ONLY.', {
    aliases: ['Investigation'],
    choices: CODES.investigation,
  }),
  closedDate: col('Closed Date', p.date, 'LINE-CLOSED', 'Required when the line is CLOSED: the date it closed.', {
    aliases: ['Date Closed', 'Closure Date'],
    format: 'date',
  }),
  firstSeen: col('First Seen', p.date, 'LINE-DATES', 'Date the line was first seen.', { aliases: ['First Seen Date', 'Date First Seen'], format: 'date' }),
  lastActivity: col('Last Activity', p.date, 'LINE-DATES', 'Date of the latest activity on the line.', {
    aliases: ['Last Activity Date', 'Last Seen', 'Date Last Active'],
    format: 'date',
  }),
  drugTypes: col('Drug Types', p.codes('drugs'), 'LINE-DRUGS', `Optional list: ${CODES.drugs.join(', ')}.`, {
    aliases: ['Drugs', 'Drug Type', 'Drugs Supplied'],
    noun: 'Drug type',
    choices: CODES.drugs,
    multi: true,
  }),
  childExploitation: col('Child Exploitation', p.code('yesNoUnknown'), 'LINE-EXPLOITATION', 'YES, NO or UNKNOWN.', { aliases: ['CCE', 'Child Criminal Exploitation'], ...YNU }),
  adultExploitation: col('Adult Exploitation', p.code('yesNoUnknown'), 'LINE-EXPLOITATION', 'YES, NO or UNKNOWN.', { aliases: ['Vulnerable Adult Exploitation'], ...YNU }),
  cuckooing: col('Cuckooing', p.code('yesNoUnknown'), 'LINE-EXPLOITATION', 'YES, NO or UNKNOWN.', { ...YNU }),
  violence: col('Violence', p.code('yesNoUnknown'), 'LINE-EXPLOITATION', 'YES, NO or UNKNOWN.', { ...YNU }),
  weapons: col('Weapons', p.codes('weapons'), 'LINE-WEAPONS', `Optional list: ${CODES.weapons.join(', ')}.`, { noun: 'Weapon', choices: CODES.weapons, multi: true }),
  intelReports: col('Intel Reports', p.wholeNumber, 'LINE-THRESHOLD', 'Number of independent intelligence reports supporting the line (not counting any assessed E).', {
    aliases: ['Intelligence Reports', 'Number of Intel Reports', 'Intel Count'],
  }),
  bestGrading: col('Best Grading', p.grading, 'GRADING', 'Strongest grading among those reports, e.g. 2B. Required when Intel Reports is 1 or more.', {
    aliases: ['Grading', 'Best Grade', '3x5x2'],
    format: 'text',
  }),
  evidential: col('Evidential', p.code('yesNo'), 'LINE-THRESHOLD', 'YES if evidential material exists (seizure, arrest, test purchase, phone download).', {
    aliases: ['Evidential Material'],
    ...YN,
  }),
  handlingCode: col('Handling Code', p.code('handling'), 'HANDLING', 'P (sharing permitted) or C (sharing with conditions).', { aliases: ['Handling'], choices: CODES.handling }),
  handlingConditions: col('Handling Conditions', p.longText(1000), 'HANDLING', 'Required when the handling code is C: the conditions.', { aliases: ['Conditions'] }),
  ocgUrn: col('OCG URN', p.anyText, null, 'Optional organised crime group mapping reference.', { aliases: ['OCG', 'OCGM URN', 'OCG Reference'], format: 'text' }),
  notes: col('Notes', p.longText(2000), 'LINE-NOTES', 'Optional, at most 2,000 characters.', { aliases: ['Note', 'Comments'] }),
};

const CHILD_TYPED = { CHILD: 'CHILD is worked out from the date of birth; remove it from Vulnerabilities and give the DOB instead' };

export const NOMINAL_COLUMNS = {
  ref: col('Nominal Ref', p.ref, 'NOM-REF', "Your force's person reference; the same on every row for that person.", {
    aliases: ['Nominal Reference', 'Nominal ID', 'Person Ref', 'Nominal'],
    format: 'text',
  }),
  lineRef: col('Line Ref', p.ref, 'NOM-LINE', 'The Line Ref (from the Lines sheet) this row links the person to.', {
    aliases: ['Line Reference', 'Line ID', 'Line'],
    format: 'text',
  }),
  role: col('Role', p.code('role'), 'NOM-ROLE', `${CODES.role.join(', ')}.`, { aliases: ['Nominal Role', 'Role on Line'], choices: CODES.role }),
  surname: col('Surname', p.text(120), 'NOM-NAME', 'Family name.', { aliases: ['Last Name', 'Family Name'] }),
  forenames: col('Forenames', p.text(120), 'NOM-NAME', 'Given names; required when there are no Street Names.', {
    aliases: ['Forename', 'First Name', 'First Names', 'Given Names'],
  }),
  streetNames: col('Street Names', p.textList, 'NOM-NAME', 'Optional aliases and nicknames, separated by ;.', {
    aliases: ['Street Name', 'Aliases', 'Alias', 'Nicknames', 'AKA'],
  }),
  dob: col('DOB', p.date, 'NOM-DOB', 'Date of birth.', { aliases: ['Date of Birth', 'Birth Date'], format: 'date' }),
  gender: col('Gender', p.code('gender'), 'NOM-CODE', 'M, F, X or U.', { aliases: ['Sex'], choices: CODES.gender }),
  pncId: col('PNC ID', p.pnc, 'NOM-PNC', 'YY/NNNNNNNL, e.g. 98/1234567L.', { aliases: ['PNC', 'PNC Number', 'PNC No', 'PNCID'], format: 'text' }),
  homeForce: col('Home Force', p.force, 'NOM-CODE', 'Force where the person lives: code (e.g. MET) or full force name.', {
    aliases: ['Home Force Code', 'Resident Force'],
    ...FORCE_LIST,
  }),
  homePostcodeDistrict: col('Home Postcode District', p.postcodeDistrict, 'NOM-POSTCODE', 'First half of the home postcode only, e.g. LE1.', {
    aliases: ['Postcode District', 'Home Postcode', 'Home District', 'Outcode'],
    format: 'text',
  }),
  vulnerabilities: col('Vulnerabilities', p.codes('vulnerability', CHILD_TYPED), 'NOM-VULN', `Optional list: ${CODES.vulnerability.join(', ')}.`, {
    aliases: ['Vulnerability', 'Vulnerability Factors'],
    noun: 'Vulnerability',
    choices: CODES.vulnerability,
    multi: true,
  }),
  exploited: col('Exploited', p.code('yesNoUnknown'), 'NOM-EXPLOITED', 'YES, NO or UNKNOWN.', { aliases: ['Is Exploited', 'Exploitation'], ...YNU }),
  exploitedBy: col('Exploited By', p.refList, 'NOM-EXPLOITER', 'Optional: Nominal Ref(s) of whoever exploits this person.', { aliases: ['Exploiter', 'Exploiters'], format: 'text' }),
  safeguardingReferral: col('Safeguarding Referral', p.code('yesNo'), 'NOM-CODE', 'YES or NO.', { aliases: ['Safeguarding', 'Safeguarding Referral Made'], ...YN }),
  nrmReferral: col('NRM Referral', p.code('yesNo'), 'NOM-CODE', 'YES or NO (National Referral Mechanism).', { aliases: ['NRM', 'NRM Referral Made'], ...YN }),
  policeContacts: col('Police Contacts', p.wholeNumber, 'NOM-CONTACTS', 'Times the person came to police attention this month in connection with the line.', {
    aliases: ['Contacts', 'Police Contact', 'Number of Police Contacts'],
  }),
  arrested: col('Arrested', p.code('yesNo'), 'NOM-CODE', 'YES or NO, in the reporting month.', { aliases: ['Arrested This Month', 'Arrest'], ...YN }),
  phoneNumbers: col('Phone Numbers', p.phones, 'NOM-PHONE', "The person's own UK mobile numbers, separated by ;.", {
    aliases: ['Phone Number', 'Phones', 'Mobile Numbers', 'Telephone Numbers'],
    noun: 'Phone number',
    format: 'text',
  }),
  bestGrading: col('Best Grading', p.grading, 'GRADING', 'Optional grading, e.g. 2B.', { aliases: ['Grading', 'Best Grade'], format: 'text' }),
  handlingCode: col('Handling Code', p.code('handling'), 'HANDLING', "Optional P or C; blank means the line's code.", { aliases: ['Handling'], choices: CODES.handling }),
  handlingConditions: col('Handling Conditions', p.longText(1000), 'HANDLING', "Required when this row is C and the line's code is not.", { aliases: ['Conditions'] }),
};

export const ADDRESS_COLUMNS = {
  lineRef: col('Line Ref', p.ref, 'ADDR-LINE', 'The Line Ref (from Lines) the address is used by.', { aliases: ['Line Reference', 'Line ID', 'Line'], format: 'text' }),
  postcode: col('Postcode', p.postcode, 'ADDR-POSTCODE', 'Full UK postcode, e.g. LE1 5AB.', { aliases: ['Post Code', 'Full Postcode'], format: 'text' }),
  type: col('Address Type', p.code('addressType'), 'ADDR-TYPE', `${CODES.addressType.join(', ')}.`, { aliases: ['Type'], choices: CODES.addressType }),
  occupantRef: col('Occupant Nominal Ref', p.ref, 'ADDR-OCCUPANT', 'Optional Nominal Ref of the occupant.', {
    aliases: ['Occupant', 'Occupant Ref', 'Occupant Nominal'],
    format: 'text',
  }),
  firstSeen: col('First Seen', p.date, 'ADDR-DATES', 'Optional date first seen.', { aliases: ['Date First Seen'], format: 'date' }),
  lastSeen: col('Last Seen', p.date, 'ADDR-DATES', 'Optional date last seen.', { aliases: ['Date Last Seen'], format: 'date' }),
};

export const ASSOCIATION_COLUMNS = {
  fromRef: col('From Nominal Ref', p.ref, 'ASSOC-REF', 'Nominal Ref of the first person.', { aliases: ['From', 'From Nominal', 'From Ref'], format: 'text' }),
  toRef: col('To Nominal Ref', p.ref, 'ASSOC-REF', 'Nominal Ref of the second person.', { aliases: ['To', 'To Nominal', 'To Ref'], format: 'text' }),
  relationship: col('Relationship', p.code('relationship'), 'ASSOC-TYPE', `From … to: ${CODES.relationship.join(', ')}.`, {
    aliases: ['Relationship Type', 'Link Type', 'Association Type'],
    choices: CODES.relationship,
  }),
  bestGrading: col('Best Grading', p.grading, 'GRADING', 'Optional grading, e.g. 2B.', { aliases: ['Grading', 'Best Grade'], format: 'text' }),
};

export interface SheetSpec<C extends Record<string, ColumnSpec<any>>> {
  name: string;
  aliases: readonly string[];
  /** §1: Return, Lines and Nominals must be present. */
  required: boolean;
  columns: C;
}

export const SHEETS = {
  return: { name: 'Return', aliases: ['Return Details', 'Summary'], required: true, columns: RETURN_FIELDS },
  lines: { name: 'Lines', aliases: ['Line', 'County Lines'], required: true, columns: LINE_COLUMNS },
  nominals: { name: 'Nominals', aliases: ['Nominal', 'People', 'Persons'], required: true, columns: NOMINAL_COLUMNS },
  addresses: { name: 'Addresses', aliases: ['Address'], required: false, columns: ADDRESS_COLUMNS },
  associations: { name: 'Associations', aliases: ['Association', 'Links'], required: false, columns: ASSOCIATION_COLUMNS },
} satisfies Record<string, SheetSpec<Record<string, ColumnSpec<any>>>>;

export type SheetKey = keyof typeof SHEETS;
export type ColumnsOf<S extends SheetKey> = (typeof SHEETS)[S]['columns'];
export type ColumnKey<S extends SheetKey> = keyof ColumnsOf<S> & string;
export type ValueOf<S extends SheetKey, K extends ColumnKey<S>> = ColumnsOf<S>[K] extends ColumnSpec<infer T> ? T : never;
export type Values<S extends SheetKey> = { [K in ColumnKey<S>]: ValueOf<S, K> | null };

export const SHEET_KEYS = Object.keys(SHEETS) as SheetKey[];

/** §1: headers and labels match ignoring case, spaces and (here) punctuation. */
export const squashHeader = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
