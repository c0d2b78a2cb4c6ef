import type { Line } from '../matrix/model.js';
import { deconflictionAlerts } from './deconfliction.js';
import { distinct } from './distinct.js';
import { buildLine, buildPerson } from './entities.js';
import { dealNumberGroups, DEFAULT_LINE_THRESHOLDS, resolveLines } from './lines.js';
import type { Enrichment, MergedLink, MergeInput, MergeResult, ReturnInput, ReviewPair, SourceLineRow, SourceNominalRow } from './model.js';
import { pairKey } from './model.js';
import { retiredIds } from './ids.js';
import { setOrigins } from './origin.js';
import { resolvePeople } from './people.js';
import { buildLineRecords, buildPersonRecords, type LineRecord, type PersonRecord } from './records.js';
import type { ReviewCandidate } from './resolve.js';

// The regional (or national) merge: pure, in memory, deterministic. The
// caller loads the current accepted returns for `months`, the analyst
// decisions, the ids of the previous merge and ROCU enrichments, and stores
// what comes back. Order: lines joined on deal numbers (certain) give people
// their line context; people are resolved (two passes, the second adding
// the crew comparison, crew.ts); then lines are resolved with the people
// two line records share (line swaps, same brand).

function personFields(r: PersonRecord): Record<string, string[]> {
  return {
    surname: r.surnames.values(), forenames: r.forenames.values(), dob: r.dobs.values(), pncId: r.pncIds.values(),
    streetNames: r.streetNames.values(), phones: r.phones.values(), postcodeDistrict: r.postcodeDistricts.values(),
    gender: r.genders.values(), role: [...new Set(r.rows.map((x) => x.nominal.role))], lineRefs: [...new Set(r.rows.map((x) => x.nominal.lineRef))],
  };
}

function lineFields(r: LineRecord): Record<string, string[]> {
  return {
    name: r.names.values(), dealNumbers: r.dealNumbers.values(), exportingForce: r.exportingForces.values(),
    exportingArea: r.exportingAreas.values(), importingAreas: r.importingAreas.values(), status: r.statuses.values(),
  };
}

function reviewPairs<R extends { key: string; force: string; ref: string; months: string[] }>(
  kind: 'person' | 'line',
  review: ReviewCandidate[],
  records: R[],
  ids: string[],
  groupOf: number[],
  fields: (r: R) => Record<string, string[]>,
): ReviewPair[] {
  const side = (i: number) => ({
    key: records[i].key, force: records[i].force, ref: records[i].ref, months: records[i].months,
    mergedId: ids[groupOf[i]], fields: fields(records[i]),
  });
  return review.map(({ pair, reason }) => {
    const [a, b] = records[pair.a].key < records[pair.b].key ? [pair.a, pair.b] : [pair.b, pair.a];
    return {
      key: pairKey(records[a].key, records[b].key), kind, a: side(a), b: side(b),
      weight: pair.weight, probability: pair.probability, evidence: pair.evidence, reason,
    };
  });
}

/** Person and line records of the returns; each person record knows the deal-number line groups it is on. */
export function prepareRecords(returns: ReturnInput[]) {
  const personRecords = buildPersonRecords(returns);
  const lineRecords = buildLineRecords(returns);
  const lineIndex = new Map(lineRecords.map((r) => [r.key, r.index]));
  // Group labels made once per line record, shared by the person records on it.
  const groupLabel = dealNumberGroups(lineRecords).map(String);
  const linesOf = personRecords.map((p) => {
    const lines: number[] = [];
    for (const row of p.rows) {
      const i = lineIndex.get(`${p.force}|${row.nominal.lineRef}`);
      if (i !== undefined && !lines.includes(i)) lines.push(i);
    }
    p.lineGroups = distinct(lines.map((i) => groupLabel[i]));
    return lines;
  });
  setOrigins(personRecords, linesOf, lineRecords);
  return { personRecords, lineRecords, lineIndex, linesOf };
}

export function mergeReturns(input: MergeInput): MergeResult {
  const months = new Set(input.months);
  // Force then month order, whatever order the returns came in: records take their first-seen values and rows in this order.
  const returns = input.returns.filter((r) => months.has(r.month)).sort((a, b) => (a.force < b.force ? -1 : a.force > b.force ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const lineRowByKey = new Map<string, Line>();
  for (const r of returns) for (const l of r.parsed.lines) lineRowByKey.set(`${r.force}|${r.month}|${l.ref}`, l);
  const lineOf = (force: string, month: string, ref: string) => lineRowByKey.get(`${force}|${month}|${ref}`);

  const { personRecords, lineRecords, linesOf } = prepareRecords(returns);
  const pr = resolvePeople(personRecords, input.decisions.filter((d) => d.kind !== 'line'), input.thresholds, input.priorPersonIds, input.newId, {
    linesOf,
    count: lineRecords.length,
  }, input.joinedInWindow);
  const personIdByRecord = new Map(personRecords.map((r, i) => [r.key, pr.ids[pr.groupOf[i]]]));

  const peopleOf = lineRecords.map(() => new Set<number>());
  linesOf.forEach((lines, i) => {
    for (const li of lines) peopleOf[li].add(pr.groupOf[i]);
  });
  const lr = resolveLines(lineRecords, peopleOf, input.decisions.filter((d) => d.kind !== 'person'), input.lineThresholds ?? DEFAULT_LINE_THRESHOLDS, input.priorLineIds, input.newId);
  const lineIdByRecord = new Map(lineRecords.map((r, i) => [r.key, lr.ids[lr.groupOf[i]]]));

  // An enrichment names the id its entity had when it was made; ids this resolution retires (a join) lead to the survivor.
  const retiredPeople = retiredIds(input.priorPersonIds, personIdByRecord);
  const retiredLines = retiredIds(input.priorLineIds, lineIdByRecord);
  const follow = (retired: Map<string, string>, id: string | undefined) => (id === undefined ? id : (retired.get(id) ?? id));
  const enrichments = (input.enrichments ?? []).map((x) => ({
    ...x, personId: follow(retiredPeople, x.personId), targetPersonId: follow(retiredPeople, x.targetPersonId), lineId: follow(retiredLines, x.lineId),
  }));
  // Grouped once by entity id (in their order), not filtered once per entity.
  const byEntity = (field: 'personId' | 'lineId') => {
    const out = new Map<string, Enrichment[]>();
    for (const x of enrichments) {
      const id = x[field];
      if (id !== undefined) (out.get(id) ?? out.set(id, []).get(id)!).push(x);
    }
    return out;
  };
  const enrichmentsOf = { personId: byEntity('personId'), lineId: byEntity('lineId') };
  const enrichFor = (field: 'personId' | 'lineId', id: string): Enrichment[] => enrichmentsOf[field].get(id) ?? [];
  const people = pr.groups.map((g, gi) =>
    buildPerson(pr.ids[gi], g.map((i) => personRecords[i]), pr.edges[gi], pr.confidence[gi], enrichFor('personId', pr.ids[gi]), lineOf),
  );
  const lines = lr.groups.map((g, gi) =>
    buildLine(lr.ids[gi], g.map((i) => lineRecords[i]), lr.edges[gi], lr.confidence[gi], enrichFor('lineId', lr.ids[gi])),
  );

  // What resolving built and dropped (candidate pairs, evidence, the passes' clusterings) can go.
  input.afterEntities?.();
  const full = !input.entitiesOnly;
  const sourceLines: SourceLineRow[] = [];
  const sourceNominals: SourceNominalRow[] = [];
  const links: MergedLink[] = [];
  for (const r of returns) {
    for (const line of full ? r.parsed.lines : []) {
      sourceLines.push({ returnId: r.returnId, force: r.force, month: r.month, line, lineId: lineIdByRecord.get(`${r.force}|${line.ref}`)! });
    }
    for (const nominal of r.parsed.nominals) {
      const personId = personIdByRecord.get(`${r.force}|${nominal.ref}`)!;
      const lineId = lineIdByRecord.get(`${r.force}|${nominal.lineRef}`)!;
      if (full) sourceNominals.push({ returnId: r.returnId, force: r.force, month: r.month, nominal, personId, lineId });
      links.push({
        personId, lineId, role: nominal.role, month: r.month, force: r.force, nominalRef: nominal.ref, lineRef: nominal.lineRef,
        grading: nominal.bestGrading, policeContacts: nominal.policeContacts,
        evidence: { force: r.force, month: r.month, sheet: 'Nominals', row: nominal.row },
      });
    }
  }

  const known = new Set([...people.map((p) => p.id), ...lines.map((l) => l.id)]);
  return {
    scope: input.scope,
    months: [...months].sort(),
    people,
    lines,
    links,
    reviewPairs: full
      ? [
          ...reviewPairs('person', pr.review, personRecords, pr.ids, pr.groupOf, personFields),
          ...reviewPairs('line', lr.review, lineRecords, lr.ids, lr.groupOf, lineFields),
        ]
      : [],
    alerts: full ? deconflictionAlerts(people, lines, sourceLines, sourceNominals) : [],
    stats: {
      returns: returns.length,
      rows: { lines: returns.reduce((n, r) => n + r.parsed.lines.length, 0), nominals: links.length },
      records: { people: personRecords.length, lines: lineRecords.length },
      pairsCompared: { people: pr.pairsCompared, lines: lr.pairsCompared },
      merged: { people: pr.mergedEdges, lines: lr.mergedEdges },
      review: { people: pr.review.length, lines: lr.review.length },
      blockedByConstraint: pr.blockedByConstraint + lr.blockedByConstraint,
      decisionsApplied: pr.decisionsApplied + lr.decisionsApplied,
      decisionConflicts: pr.decisionConflicts + lr.decisionConflicts,
      entities: { people: people.length, lines: lines.length },
      oversizedBlocks: pr.oversizedBlocks,
      priorWeight: Math.round(pr.priorWeight * 100) / 100,
      enrichmentsUnmatched: enrichments.filter((x) => ![x.personId, x.lineId].some((id) => id !== undefined && known.has(id))).length,
    },
    personIdByRecord,
    lineIdByRecord,
    sourceRows: { lines: sourceLines, nominals: sourceNominals },
    enrichments,
  };
}
