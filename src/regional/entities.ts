import type { Line, Nominal } from '../matrix/model.js';
import type { Enrichment, MemberRecord, MergedLine, MergedPerson, MergeEdge } from './model.js';
import { distinct } from './distinct.js';
import { mergeBags, type LineRecord, type PersonRecord } from './records.js';

// Assembly of merged entities from their member records: every value with
// the rows that supplied it (STYLE §11), plus ROCU notes and OCG URNs.

/** The handling conditions that apply to a nominal row: its own, or its line's when it inherits C (§5). */
export function nominalConditions(n: Nominal, line: Line | undefined): string | null {
  if (n.handlingCode !== 'C') return null;
  return n.handlingConditions ?? line?.handlingConditions ?? null;
}

const member = (r: { key: string; force: string; ref: string; months: string[] }): MemberRecord => ({
  key: r.key, force: r.force, ref: r.ref, months: r.months,
});
// Callers pass arrays of their own (sorted in place); most entities have one record: one force, one month.
const sortedUnique = (xs: string[]) => (xs.length < 2 ? xs : distinct(xs).sort());

function rocuExtras(enrichments: Enrichment[]) {
  return {
    notes: enrichments
      .filter((x) => x.kind === 'note' && x.text)
      .map((x) => ({ text: x.text!, author: x.author, createdAt: x.createdAt })),
    ocgUrns: enrichments
      .filter((x) => x.kind === 'ocg' && x.ocgUrn)
      .map((x) => ({ urn: x.ocgUrn!, source: 'ROCU' as const, sources: [], author: x.author })),
  };
}

export function buildPerson(
  id: string,
  members: PersonRecord[],
  edges: MergeEdge[],
  confidence: number,
  enrichments: Enrichment[],
  lineOf: (force: string, month: string, lineRef: string) => Line | undefined,
): MergedPerson {
  let yes = false;
  let no = false;
  const conditions: string[] = [];
  for (const m of members) {
    for (const r of m.rows) {
      yes ||= r.nominal.exploited === 'YES';
      no ||= r.nominal.exploited === 'NO';
      // Only a C row has conditions: look its line up only then.
      const c = r.nominal.handlingCode === 'C' ? nominalConditions(r.nominal, lineOf(m.force, r.month, r.nominal.lineRef)) : null;
      if (c !== null) conditions.push(c);
    }
  }
  const exploited = yes ? 'YES' : no ? 'NO' : 'UNKNOWN';
  return {
    id,
    records: members.map(member),
    forces: sortedUnique(members.map((m) => m.force)),
    months: sortedUnique(members.flatMap((m) => m.months)),
    surnames: mergeBags(members.map((m) => m.surnames)),
    forenames: mergeBags(members.map((m) => m.forenames)),
    dobs: mergeBags(members.map((m) => m.dobs)),
    pncIds: mergeBags(members.map((m) => m.pncIds)),
    streetNames: mergeBags(members.map((m) => m.streetNames)),
    phones: mergeBags(members.map((m) => m.phones)),
    postcodeDistricts: mergeBags(members.map((m) => m.postcodeDistricts)),
    genders: mergeBags(members.map((m) => m.genders)),
    homeForces: mergeBags(members.map((m) => m.homeForces)),
    vulnerabilities: mergeBags(members.map((m) => m.vulnerabilities)),
    exploited,
    handlingConditions: sortedUnique(conditions),
    confidence,
    edges,
    ...rocuExtras(enrichments),
  };
}

export function buildLine(
  id: string,
  members: LineRecord[],
  edges: MergeEdge[],
  confidence: number,
  enrichments: Enrichment[],
): MergedLine {
  const rows = members.flatMap((m) => m.rows.map((r) => ({ force: m.force, ...r })));
  const yes = (pick: (l: Line) => string | null) => rows.some((r) => pick(r.line) === 'YES');
  const extras = rocuExtras(enrichments);
  const forceUrns = new Map<string, { force: string; month: string; sheet: string; row: number }[]>();
  for (const r of rows) {
    if (!r.line.ocgUrn) continue;
    const list = forceUrns.get(r.line.ocgUrn) ?? forceUrns.set(r.line.ocgUrn, []).get(r.line.ocgUrn)!;
    list.push({ force: r.force, month: r.month, sheet: 'Lines', row: r.line.row });
  }
  return {
    id,
    records: members.map(member),
    forces: sortedUnique(members.map((m) => m.force)),
    months: sortedUnique(members.flatMap((m) => m.months)),
    names: mergeBags(members.map((m) => m.names)),
    dealNumbers: mergeBags(members.map((m) => m.dealNumbers)),
    exportingForces: mergeBags(members.map((m) => m.exportingForces)),
    exportingAreas: mergeBags(members.map((m) => m.exportingAreas)),
    importingAreas: mergeBags(members.map((m) => m.importingAreas)),
    statuses: mergeBags(members.map((m) => m.statuses)),
    investigations: rows
      .map((r) => ({ force: r.force, ref: r.line.ref, month: r.month, status: r.line.investigation }))
      .sort((x, y) => x.month.localeCompare(y.month) || x.force.localeCompare(y.force)),
    childExploitation: yes((l) => l.childExploitation),
    adultExploitation: yes((l) => l.adultExploitation),
    cuckooing: yes((l) => l.cuckooing),
    handlingConditions: sortedUnique(rows.flatMap((r) => (r.line.handlingCode === 'C' && r.line.handlingConditions ? [r.line.handlingConditions] : []))),
    confidence,
    edges,
    notes: extras.notes,
    ocgUrns: [
      ...[...forceUrns].map(([urn, sources]) => ({ urn, source: 'FORCE' as const, sources, author: null })),
      ...extras.ocgUrns,
    ],
  };
}
