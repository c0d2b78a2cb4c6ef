import { AppError } from '../errors.js';
import type { Line } from '../matrix/model.js';
import { FORCES } from '../reference/forces.js';
import { nominalConditions } from './entities.js';
import type { MergeResult } from './model.js';

// The regional return as tables, before any spreadsheet is involved: the
// guidance's Lines and Nominals columns (MATRIX-V2 §4, §5) for every force's
// rows of the month, with the merged ids and match confidence, then the
// Deconfliction, Missing Returns and Review Queue sheets. export.ts writes
// these tables; the round-trip test reads them back and compares.

export type CellValue = string | number | null;
export interface Table {
  name: string;
  header: string[];
  rows: CellValue[][];
}

export interface RegionalReturnInput {
  region: string;
  month: string;
  result: MergeResult;
  missing: string[];
  nil: string[];
  generatedAt: Date;
}

export const LINE_COLUMNS = [
  'Line Ref', 'Line Name', 'Deal Numbers', 'Exporting Force', 'Exporting Area', 'Importing Areas', 'Line Status',
  'Investigation Status', 'Closed Date', 'First Seen', 'Last Activity', 'Drug Types', 'Child Exploitation',
  'Adult Exploitation', 'Cuckooing', 'Violence', 'Weapons', 'Intel Reports', 'Best Grading', 'Evidential',
  'Handling Code', 'Handling Conditions', 'OCG URN', 'Notes',
  'Source Force', 'Merged Line ID', 'Match Confidence',
];

export const NOMINAL_COLUMNS = [
  'Nominal Ref', 'Line Ref', 'Role', 'Surname', 'Forenames', 'Street Names', 'DOB', 'Gender', 'PNC ID', 'Home Force',
  'Home Postcode District', 'Vulnerabilities', 'Exploited', 'Exploited By', 'Safeguarding Referral', 'NRM Referral',
  'Police Contacts', 'Arrested', 'Phone Numbers', 'Best Grading', 'Handling Code', 'Handling Conditions',
  'Source Force', 'Merged Line ID', 'Merged Nominal ID', 'Match Confidence',
];

const list = (xs: string[]) => (xs.length ? xs.join('; ') : null);
const confidence = (x: number) => Math.round(x * 10000) / 10000;

/** Handling conditions must travel with every C row (V2-HANDLING); a C row without them is never written. */
export function requireConditions(code: string, conditions: string | null, where: string): string | null {
  if (code !== 'C') return conditions;
  if (!conditions || !conditions.trim()) {
    throw new AppError('regional.handling_conditions_missing', 500, `${where} has handling code C but no handling conditions.`);
  }
  return conditions;
}

export function regionalReturnTables(input: RegionalReturnInput): Table[] {
  const { result, month } = input;
  const lineConfidence = new Map(result.lines.map((l) => [l.id, l.confidence]));
  const personConfidence = new Map(result.people.map((p) => [p.id, p.confidence]));
  const lineRows = result.sourceRows.lines.filter((r) => r.month === month);
  const lineByRef = new Map<string, Line>(lineRows.map((r) => [`${r.force}|${r.line.ref}`, r.line]));

  const lines: CellValue[][] = lineRows.map(({ force, line: l, lineId }) => [
    l.ref, l.name, list(l.dealNumbers), l.exportingForce, l.exportingArea,
    list(l.importingAreas.map((a) => `${a.force}:${a.area}`)), l.status, l.investigation, l.closedDate, l.firstSeen,
    l.lastActivity, list(l.drugTypes), l.childExploitation, l.adultExploitation, l.cuckooing, l.violence, list(l.weapons),
    l.intelReports, l.bestGrading, l.evidential, l.handlingCode,
    requireConditions(l.handlingCode, l.handlingConditions, `${force} line ${l.ref} (row ${l.row})`),
    l.ocgUrn, l.notes, force, lineId, confidence(lineConfidence.get(lineId) ?? 1),
  ]);

  const nominals: CellValue[][] = result.sourceRows.nominals
    .filter((r) => r.month === month)
    .map(({ force, nominal: n, personId, lineId }) => [
      n.ref, n.lineRef, n.role, n.surname, n.forenames, list(n.streetNames), n.dob, n.gender, n.pncId, n.homeForce,
      n.homePostcodeDistrict, list(n.vulnerabilities), n.exploited, list(n.exploitedBy), n.safeguardingReferral,
      n.nrmReferral, n.policeContacts, n.arrested, list(n.phoneNumbers), n.bestGrading, n.handlingCode,
      requireConditions(n.handlingCode, nominalConditions(n, lineByRef.get(`${force}|${n.lineRef}`)), `${force} nominal ${n.ref} (row ${n.row})`),
      force, lineId, personId, confidence(personConfidence.get(personId) ?? 1),
    ]);

  const deconfliction: CellValue[][] = result.alerts.map((a) => [
    a.kind, a.entityId, a.label, list(a.forces.map((f) => f.force)),
    list(a.forces.map((f) => `${f.force}: ${f.refs.join(', ')}`)),
    list(a.forces.map((f) => `${f.force}: ${f.lineRefs.join(', ')}`)),
    list([...new Set(a.forces.flatMap((f) => f.months))].sort()), a.message,
  ]);

  const forceName = new Map(FORCES.map((f) => [f.code, f.name]));
  const missing: CellValue[][] = [
    ...input.missing.map((f) => [f, forceName.get(f) ?? null, 'MISSING']),
    ...input.nil.map((f) => [f, forceName.get(f) ?? null, 'NIL_RETURN']),
  ];

  const summary = (fields: Record<string, string[]>) =>
    Object.entries(fields).filter(([, v]) => v.length).map(([k, v]) => `${k}: ${v.join(', ')}`).join(' | ');
  const review: CellValue[][] = result.reviewPairs.map((p) => [
    p.key, p.kind, p.a.key, p.b.key, summary(p.a.fields), summary(p.b.fields), p.weight, confidence(p.probability), p.reason,
    p.evidence.map((e) => `${e.comparison} ${e.level} ${e.weight}`).join('; '),
  ]);

  return [
    {
      name: 'Return',
      header: ['Label', 'Value'],
      rows: [['Region', input.region], ['Reporting Month', month], ['Guidance Version', 2], ['Generated At', input.generatedAt.toISOString()]],
    },
    { name: 'Lines', header: LINE_COLUMNS, rows: lines },
    { name: 'Nominals', header: NOMINAL_COLUMNS, rows: nominals },
    { name: 'Deconfliction', header: ['Kind', 'Merged ID', 'Label', 'Forces', 'Refs', 'Line Refs', 'Months', 'Message'], rows: deconfliction },
    { name: 'Missing Returns', header: ['Force', 'Force Name', 'Status'], rows: missing },
    {
      name: 'Review Queue',
      header: ['Pair Key', 'Kind', 'Record A', 'Record B', 'A Values', 'B Values', 'Match Weight', 'Match Probability', 'Reason', 'Evidence'],
      rows: review,
    },
  ];
}
