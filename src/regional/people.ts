import { BLOCKING_DEFAULTS, candidatePairs } from './blocking.js';
import { comparePeople, describeEvidence, type CompareContext } from './compare.js';
import { PERSON_MODEL } from './person-model.js';
import { ORIGIN_MODEL } from './origin.js';
import { CREW_MAX_WEIGHT, crews, withCrew } from './crew.js';
import { associatePairs } from './associates.js';
import { distinct } from './distinct.js';
import type { NewId } from './ids.js';
import { assignIds } from './ids.js';
import type { Decision, Thresholds, WindowJoins } from './model.js';
import type { PersonRecord } from './records.js';
import { resolve, type ResolveOutput, type ScoredPair } from './resolve.js';

// People resolution: block, compare (compare.ts), resolve (resolve.ts).
//
// Same-force pairs: a force's Nominal Ref is its identity for a person, so
// two refs of one force are two people, with one exception — a shared PNC
// ID, the national identifier, which means the force holds a duplicate.
// Blocking therefore pairs records of one force only on PNC ID, and no
// scored edge joins two refs of one force directly. A chain A(force 1)–
// B(force 2)–C(force 1) may join A and C only when A and C, compared
// directly, score at or above the merge threshold (forces do hold duplicate
// records; the other force's record is the link, the direct score the check).
// Otherwise the union is refused (the "slot" constraint in cluster.ts) and
// the refused pair goes to the review queue.
//
// Some forces reissue their nominal refs every month: then a ref is an
// identity within a month only, and the same person comes back next month
// under a new ref of the same force. Such a force is recognised from the data
// (`reissuingForces`); its records are blocked and scored against each other
// like two forces' records when no month holds both, and its exclusive slot
// is the force-month, not the force.

export interface PeopleResolution extends ResolveOutput {
  ids: string[];
  pairsCompared: number;
  oversizedBlocks: number;
  priorWeight: number;
}

/**
 * Match-weight thresholds (bits, prior included), tuned on generated worlds
 * (bench/er-quality.ts): at or above `upper` merge, from `lower` review.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { upper: 4, lower: 3 };

/**
 * λ, the chance that two records of different forces are one person, as
 * Splink's `estimate_probability_two_random_records_match` does it with a
 * deterministic rule: among records carrying a PNC ID (recorded whatever the
 * person's identity), the share of cross-force pairs with the same PNC ID.
 * With too little PNC evidence, 1 / (records per force): each record has
 * about one counterpart in each other force that reports the person.
 */
export function estimatePriorWeight(records: PersonRecord[]): number {
  const perForce = new Map<string, number>();
  const perPnc = new Map<string, Map<string, number>>();
  for (const r of records) {
    const pncs = r.pncIds.values();
    if (pncs.length === 0) continue;
    perForce.set(r.force, (perForce.get(r.force) ?? 0) + 1);
    const byForce = perPnc.get(pncs[0]) ?? perPnc.set(pncs[0], new Map()).get(pncs[0])!;
    byForce.set(r.force, (byForce.get(r.force) ?? 0) + 1);
  }
  const crossPairs = (counts: Iterable<number>) => {
    let total = 0;
    let sumSq = 0;
    for (const c of counts) (total += c), (sumSq += c * c);
    return (total * total - sumSq) / 2;
  };
  const all = crossPairs(perForce.values());
  let matching = 0;
  for (const byForce of perPnc.values()) matching += crossPairs(byForce.values());
  const forces = new Set(records.map((r) => r.force)).size;
  const lambda = matching >= 3 && all > 0 ? matching / all : 1 / Math.max(2, records.length / Math.max(1, forces));
  return Math.max(-24, Math.min(MAX_PRIOR_WEIGHT, Math.log2(lambda / (1 - lambda))));
}

const TF_PSEUDO_RECORDS = 200;
/** A merge of a handful of records must not start from even odds: the prior is at most 1 in 256. */
const MAX_PRIOR_WEIGHT = -8;

/** Comparison context of a set of records: estimated prior and term frequencies of names. */
export function compareContext(records: PersonRecord[]): CompareContext {
  const surnames = new Map<string, number>();
  const forenames = new Map<string, number>();
  const aliases = new Map<string, number>();
  const roles = new Map<string, number>();
  let withRole = 0;
  const perForce = new Map<string, number>();
  // Per force, then per line group (origin): counted without a key string per record and group.
  const onLine = new Map<string, Map<string, number>>();
  const fromOrigin = new Map<string, Map<string, number>>();
  const count = (counts: Map<string, Map<string, number>>, force: string, keys: string[]) => {
    if (keys.length === 0) return;
    const ofForce = counts.get(force) ?? counts.set(force, new Map()).get(force)!;
    for (const k of keys) ofForce.set(k, (ofForce.get(k) ?? 0) + 1);
  };
  for (const r of records) {
    perForce.set(r.force, (perForce.get(r.force) ?? 0) + 1);
    count(onLine, r.force, r.lineGroups);
    count(fromOrigin, r.force, r.origins);
    for (const a of r.aliases) aliases.set(a, (aliases.get(a) ?? 0) + 1);
    if (r.roles.length) withRole++;
    for (const x of r.roles) roles.set(x, (roles.get(x) ?? 0) + 1);
    for (const s of distinct(r.names.map((n) => n.surnameFolded))) surnames.set(s, (surnames.get(s) ?? 0) + 1);
    for (const f of distinct(r.names.map((n) => n.forename).filter((x) => x !== null))) forenames.set(f, (forenames.get(f) ?? 0) + 1);
  }
  // Smoothed towards the model's u with TF_PSEUDO_RECORDS pseudo-records, so a
  // small merge (one force pair, a test) is scored by the model's u values.
  const n = records.length + TF_PSEUDO_RECORDS;
  const smooth = (count: number, u0: number) => (count + u0 * TF_PSEUDO_RECORDS) / n;
  // Per record (by index), the share of its force's records on each of its line groups and origins,
  // computed once: the comparison asks for them on every candidate pair. A line's share is at most the
  // model's u (`cap`), which was tuned on regions of a few hundred records a force: a large merge makes
  // a shared line more telling, a small one never less than the model says.
  const shares = (keysOf: (r: PersonRecord) => string[], counts: Map<string, Map<string, number>>, u0: number, cap = 1) => {
    const out: number[][] = [];
    for (const r of records) {
      const total = (perForce.get(r.force) ?? 0) + TF_PSEUDO_RECORDS;
      const ofForce = counts.get(r.force);
      out[r.index] = keysOf(r).map((k) => Math.min(cap, ((ofForce?.get(k) ?? 1) + u0 * TF_PSEUDO_RECORDS) / total));
    }
    return out;
  };
  const lineShares = shares((r) => r.lineGroups, onLine, PERSON_MODEL.sharedLine.SHARED.u, PERSON_MODEL.sharedLine.SHARED.u);
  const originShares = shares((r) => r.origins, fromOrigin, ORIGIN_MODEL.SAME_AREA.u);
  return {
    priorWeight: estimatePriorWeight(records),
    surnameFrequency: (s) => smooth(surnames.get(s) ?? 1, PERSON_MODEL.surname.EXACT.u),
    forenameFrequency: (f) => smooth(forenames.get(f) ?? 1, PERSON_MODEL.forenames.EXACT.u),
    aliasFrequency: (a) => smooth(aliases.get(a) ?? 1, PERSON_MODEL.streetNames.SHARED.u),
    // Among the records with a role, not all records: those without one are not compared on it.
    roleFrequency: (x) => ((roles.get(x) ?? 1) + PERSON_MODEL.role.SAME.u * TF_PSEUDO_RECORDS) / (withRole + TF_PSEUDO_RECORDS),
    lineShare: (r, i) => lineShares[r.index][i],
    originShare: (r, i) => originShares[r.index][i],
  };
}

/** Below this share of a force's records seen in two or more months, the force reissues its refs. */
const REISSUE_MAX_RECURRING = 0.05;

/**
 * Forces whose refs do not recur across months: the force returned two or
 * more of the months, yet (almost) none of its refs appears in two of them.
 * A force with stable refs sees a good share of its people again next month.
 */
export function reissuingForces(records: PersonRecord[]): Set<string> {
  const stats = new Map<string, { months: Set<string>; records: number; recurring: number }>();
  for (const r of records) {
    const s = stats.get(r.force) ?? stats.set(r.force, { months: new Set(), records: 0, recurring: 0 }).get(r.force)!;
    for (const m of r.months) s.months.add(m);
    s.records++;
    if (r.months.length > 1) s.recurring++;
  }
  return new Set([...stats].filter(([, s]) => s.months.size > 1 && s.recurring < REISSUE_MAX_RECURRING * s.records).map(([f]) => f));
}

/** Records of one reissuing force that no month holds both: possibly one person under two refs. */
const reissuedPair = (records: PersonRecord[], reissuing: Set<string>) => (a: number, b: number) =>
  reissuing.has(records[a].force) && !records[a].months.some((m) => records[b].months.includes(m));

/** Exclusive slots (cluster.ts): a force holds a person once, or once a month when it reissues refs. */
const personSlots = (r: PersonRecord, reissuing: Set<string>) => (reissuing.has(r.force) ? r.months.map((m) => `${r.force}|${m}`) : [r.force]);

/**
 * Candidate pairs scored without explanations (most are dropped); pairs
 * below `keepFrom` are apart whatever else is learnt, and are not kept.
 */
export function scorePeoplePairs(
  records: PersonRecord[],
  ctx: CompareContext,
  keepFrom: number,
  maxBlockSize = BLOCKING_DEFAULTS.maxBlockSize,
  reissuing = reissuingForces(records),
) {
  const { pairs, oversizedBlocks } = candidatePairs(records, { maxBlockSize, sameForce: reissuedPair(records, reissuing) });
  const scored: ScoredPair[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i];
    const b = pairs[i + 1];
    const s = comparePeople(records[a], records[b], ctx, false);
    if (!s.certain && s.weight < keepFrom) continue;
    // Evidence is rebuilt, with details, only for pairs that end up shown (`explained`).
    scored.push({
      a, b, basis: s.certain ? 'PNC' : 'SCORE', certain: s.certain !== null,
      weight: s.weight, probability: s.probability, evidence: [], explanation: '',
    });
  }
  return { scored, pairsCompared: pairs.length / 2, oversizedBlocks };
}

/** A pair that may be shown (merged or queued) with its evidence details and explanation. */
function explained(p: ScoredPair, records: PersonRecord[], ctx: CompareContext): ScoredPair {
  const s = comparePeople(records[p.a], records[p.b], ctx);
  const extra = p.evidence.filter((e) => e.comparison === 'crew' || e.comparison === 'associates');
  const evidence = [...s.evidence, ...extra];
  // Nothing but the name (and gender) agrees: two namesakes score the same, so an analyst decides. Where
  // their lines run from does not tell namesakes apart either: many people work lines from one area, nor
  // does their role: many namesakes are street dealers (letting it count joined two pairs of them, bench/er-quality.ts).
  const nameOnly = !p.certain && evidence.every((e) => NAME_COMPARISONS.has(e.comparison) || e.weight <= 0);
  const explanation = p.certain
    ? `matched on PNC ID ${s.certain}${records[p.a].force === records[p.b].force ? ` (one force, two refs: duplicate ${records[p.a].force} records)` : ''}`
    : `match weight ${p.weight.toFixed(1)} (p=${p.probability.toFixed(4)}): ${describeEvidence(evidence)}`;
  return { ...p, evidence, explanation, nameOnly };
}

const NAME_COMPARISONS = new Set(['surname', 'forenames', 'gender', 'origin', 'role']);

/**
 * A window's people as edges between the records of each (from its first record in record order to
 * the others): what the wider window saw that links them is not in this merge, so the edge says so.
 */
function windowPairs(records: PersonRecord[], joined: WindowJoins): ScoredPair[] {
  const index = new Map(records.map((r, i) => [r.key, i]));
  const months = [...joined.months].sort();
  const explanation = `one person in the resolution of ${months[0]} to ${months.at(-1)}, whose earlier months hold the records that link them`;
  const pairs: ScoredPair[] = [];
  for (const g of joined.groups) {
    const members = g.keys.flatMap((k) => index.get(k) ?? []).sort((x, y) => x - y);
    for (const b of members.slice(1)) {
      pairs.push({ a: members[0], b, basis: 'WINDOW', certain: true, weight: 0, probability: g.confidence, evidence: [], explanation });
    }
  }
  return pairs;
}

/**
 * `linesOf[i]`: the line record indices person record i is on (for the crew
 * comparison, crew.ts); without it, one pass on the record comparisons only.
 * `joined`: people a wider window of months resolved (month-merge.ts), joined after the record evidence.
 */
export function resolvePeople(
  records: PersonRecord[],
  decisions: Decision[],
  thresholds: Thresholds,
  prior: Map<string, string>,
  newId?: NewId,
  lines?: { linesOf: number[][]; count: number },
  joined?: WindowJoins,
): PeopleResolution {
  const ctx = compareContext(records);
  const keepFrom = lines ? thresholds.lower - CREW_MAX_WEIGHT : thresholds.lower;
  const reissuing = reissuingForces(records);
  const { scored, pairsCompared, oversizedBlocks } = scorePeoplePairs(records, ctx, keepFrom, BLOCKING_DEFAULTS.maxBlockSize, reissuing);
  // Keys and slots are the same for the (up to three) resolutions below: built once.
  const keys = records.map((r) => r.key);
  const slots = records.map((r) => personSlots(r, reissuing));
  const fromWindow = joined ? windowPairs(records, joined) : [];
  const run = (pairs: ScoredPair[]) => resolve({
    keys,
    slots,
    pairs: fromWindow.length ? [...pairs, ...fromWindow] : pairs,
    decisions,
    thresholds,
    compatible: (a, b) => comparePeople(records[a], records[b], ctx, false).weight >= thresholds.upper,
  });
  let final = scored;
  if (lines) {
    const first = run(scored);
    const crew = crews(first.groupOf, lines.linesOf, lines.count);
    const onOneLine = (p: ScoredPair) => records[p.a].lineGroups.some((g) => records[p.b].lineGroups.includes(g));
    final = scored.map((p) => withCrew(p, crew[p.a], crew[p.b], first.groupOf[p.a], first.groupOf[p.b], onOneLine(p)));
  }
  const shown = final.map((p) => (p.certain || p.weight >= thresholds.lower ? explained(p, records, ctx) : p));
  let out = run(shown);
  if (lines) {
    // Cluster-level evidence (associates.ts): people resolved so far who work with the same people. Not
    // from the first pass, which joins pairs scored on the name alone; once, as repeating it (each join
    // can bring more people in common) added 0.1% recall at bench scale.
    const extra = associatePairs(records, out.groups, out.groupOf, lines.linesOf, lines.count, ctx, thresholds.lower);
    if (extra.length) {
      const key = (p: ScoredPair) => p.a * records.length + p.b;
      const replaced = new Set(extra.map(key));
      out = run([...shown.filter((p) => !replaced.has(key(p))), ...extra.map((p) => explained(p, records, ctx))]);
    }
  }
  const ids = assignIds('person', out.groups.map((g) => g.map((i) => records[i].key)), prior, newId);
  return { ...out, ids, pairsCompared, oversizedBlocks, priorWeight: ctx.priorWeight };
}
