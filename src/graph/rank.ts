import { analyseNetwork, cachedAnalysis, type NetworkAnalysis } from './analyse.js';
import { GraphInputError } from './errors.js';
import { cmp, EvidenceCollector } from './evidence.js';
import { factorFacts, factorSentence } from './factor-words.js';
import { brokerage } from './factors/brokerage.js';
import { direction } from './factors/direction.js';
import { exploitationBelow } from './factors/exploitation-below.js';
import type { Factor, FactorName, FactorParams, FactorValues } from './factors/factor.js';
import { insulation } from './factors/insulation.js';
import { intermediaries } from './factors/intermediaries.js';
import { intelWeight } from './factors/intel-weight.js';
import { persistence } from './factors/persistence.js';
import { rolePrior } from './factors/role-prior.js';
import { upstreamLines } from './factors/upstream-lines.js';
import type { Evidence } from './model.js';
import { isVictim, personFlags, type PersonFlags } from './index.js';
import { personKey, type NetworkGraph } from './network.js';
import { AppError } from '../errors.js';

// Ranking of controlling minds: a documented weighted sum of normalised
// structural factors (a simple additive scoring model, as in multi-criteria
// target prioritisation; cf. Morselli 2009 ch. 8 on combining "network
// capital" measures). It answers the HMICFRS finding that the matrix ranks
// by police attention: police contacts never raise a score (they can only
// lower `insulation`), and the force-recorded role is a weak prior. Each
// factor lives in `factors/`, citing its method.

export const FACTORS: Record<FactorName, Factor> = {
  upstreamLines,
  direction,
  intermediaries,
  brokerage,
  exploitationBelow,
  persistence,
  intelWeight,
  insulation,
  rolePrior,
};

export const DEFAULTS = {
  /**
   * Weights sum to 1, so a score is in [0, 1]. Structure carries 0.9. Position
   * in the chain of command (direction: levels below, and not being directed)
   * and working through intermediaries carry 0.45 between them: they are what
   * tells a controlling mind from the line holder below them, who shares their
   * lines, forces and victims. Reach (upstream lines, insulation), brokerage
   * and exploitation below carry 0.4; persistence and intelligence weight say
   * how settled the picture is; the recorded role is a 0.1 prior. Chosen on
   * generated worlds (bench/rank-quality.ts, test/graph/evaluate.ts) among a
   * handful of round-number candidates, not fitted, so they stay explainable.
   */
  weights: {
    upstreamLines: 0.1,
    direction: 0.3,
    intermediaries: 0.15,
    brokerage: 0.1,
    exploitationBelow: 0.05,
    persistence: 0.025,
    intelWeight: 0.025,
    insulation: 0.15,
    rolePrior: 0.1,
  } satisfies Record<FactorName, number>,
  coLocatedVictimWeight: 0.5,
  /** Evidence rows kept per factor in an explanation (the total is reported). */
  maxEvidence: 12,
  /** Rank everyone unless told otherwise. */
  limit: Number.POSITIVE_INFINITY,
  /** Ranked people given a full explanation; the rest get rank and score (see `explainPerson`). */
  explain: 1000,
};

export interface RankOptions extends Partial<Omit<typeof DEFAULTS, 'weights'>> {
  weights?: Partial<Record<FactorName, number>>;
  /** A precomputed analysis (once per build); else the graph's cached one. */
  analysis?: NetworkAnalysis;
}

export interface FactorExplanation {
  factor: FactorName;
  raw: number;
  detail: Record<string, number>;
  normalised: number;
  weight: number;
  contribution: number;
  /** At most `maxEvidence` distinct rows, most telling first. */
  evidence: Evidence[];
  /** True when more rows stand behind the factor than are listed. */
  evidenceTruncated: boolean;
  /** The factor in words: "directs 3 people who run 4 lines in LEI and NTH; recorded as directed by no one". */
  text: string;
}

export interface RankedPerson {
  personId: string;
  /**
   * Place among the controlling minds; null for a person recorded as a child
   * or exploited, who is left out of that ranking and listed for
   * safeguarding instead (issue #11 point 3).
   */
  rank: number | null;
  /** Place by score among everyone, children and exploited people included. */
  overallRank: number;
  score: number;
  flags: PersonFlags;
  dob: string | null;
  age: number | null;
  names: string[];
  pncIds: string[];
  forces: string[];
  /** Line ids the person is directly linked to. */
  lines: string[];
  handlingConditions: string[];
  /** Factors by contribution, largest first; empty beyond the `explain` cut-off. */
  factors: FactorExplanation[];
}

interface Scored {
  analysis: NetworkAnalysis;
  weights: Record<FactorName, number>;
  values: Map<FactorName, FactorValues>;
  score: Float64Array;
  order: Int32Array;
  /** Place by score among everyone. */
  rankOf: Int32Array;
  /** Place among people who are neither children nor exploited; 0 for those who are. */
  controllerRankOf: Int32Array;
  maxEvidence: number;
}

/** Scores are cached per analysis and option set, so a per-request ranking or explanation only formats. */
const scoredCache = new WeakMap<NetworkAnalysis, Map<string, Scored>>();

function score(graph: NetworkGraph, options: RankOptions): Scored {
  const weights = { ...DEFAULTS.weights, ...options.weights };
  for (const [f, w] of Object.entries(weights)) {
    if (!(f in FACTORS) || !Number.isFinite(w) || w < 0) {
      throw new GraphInputError('graph.bad_option', `Weight for ${f} must be a known factor with a number ≥ 0.`);
    }
  }
  const opts = { ...DEFAULTS, ...options, weights };
  const analysis = options.analysis ?? cachedAnalysis(graph);
  const params: FactorParams = { coLocatedVictimWeight: opts.coLocatedVictimWeight };
  const cacheKey = JSON.stringify([weights, params]);
  const cached = scoredCache.get(analysis)?.get(cacheKey);
  if (cached) return { ...cached, maxEvidence: opts.maxEvidence };

  const names = Object.keys(FACTORS) as FactorName[];
  const values = new Map<FactorName, FactorValues>(names.map((f) => [f, FACTORS[f](analysis, params)]));
  const { index } = analysis;
  const n = index.people.length;
  const total = new Float64Array(n);
  for (const f of names) {
    const w = weights[f];
    const v = values.get(f)!.normalised;
    for (let p = 0; p < n; p++) total[p] += w * v[p];
  }
  const order = Int32Array.from({ length: n }, (_, p) => p).sort((a, b) => total[b] - total[a] || cmp(index.people[a].id, index.people[b].id));
  const rankOf = new Int32Array(n);
  order.forEach((p, i) => (rankOf[p] = i + 1));
  const controllerRankOf = new Int32Array(n);
  let next = 1;
  for (const p of order) if (!isVictim(index.victim[p])) controllerRankOf[p] = next++;
  const scored = { analysis, weights, values, score: total, order, rankOf, controllerRankOf, maxEvidence: opts.maxEvidence };
  if (!scoredCache.has(analysis)) scoredCache.set(analysis, new Map());
  scoredCache.get(analysis)!.set(cacheKey, scored);
  return scored;
}

/**
 * Everyone ranked (or the first `limit`), best first by score, each with their
 * place among the controlling minds (`rank`, null for children and exploited
 * people) and among everyone (`overallRank`). The first `explain`
 * people carry their factor breakdown and evidence; the rest carry rank and
 * score with `factors: []` (ask `explainPerson` for any one of them): building
 * 60,000 explanations nobody reads costs more than the ranking itself.
 */
export function rankControllers(graph: NetworkGraph, options: RankOptions = {}): RankedPerson[] {
  const s = score(graph, options);
  const limit = Math.min(s.order.length, options.limit ?? DEFAULTS.limit);
  const explain = options.explain ?? DEFAULTS.explain;
  return Array.from({ length: limit }, (_, i) => describe(s, s.order[i], i < explain));
}

/** One person's rank, score and full explanation. */
export function explainPerson(graph: NetworkGraph, personId: string, options: RankOptions = {}): RankedPerson {
  const s = score(graph, options);
  const p = s.analysis.index.personIndex.get(personKey(personId));
  if (p === undefined) throw new AppError('graph.person_not_found', 404, `No person ${personId} in the network.`);
  return describe(s, p, true);
}

function describe(s: Scored, p: number, explain: boolean): RankedPerson {
  const { index } = s.analysis;
  const person = index.people[p];
  const lineIds: string[] = [];
  const conditions = new Set(person.handlingConditions);
  for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) {
    const line = index.lines[index.personLines.targets[k]];
    lineIds.push(line.id);
    for (const c of line.handlingConditions) conditions.add(c);
  }
  return {
    personId: person.id,
    rank: s.controllerRankOf[p] || null,
    overallRank: s.rankOf[p],
    score: s.score[p],
    flags: personFlags(person),
    dob: person.dob,
    age: person.age,
    names: person.names,
    pncIds: person.pncIds,
    forces: person.forces,
    lines: lineIds,
    handlingConditions: [...conditions].sort(cmp),
    factors: explain ? explainFactors(s, p) : [],
  };
}

function explainFactors(s: Scored, p: number): FactorExplanation[] {
  const facts = factorFacts(s.analysis, p);
  return [...s.values]
    .map(([factor, v]): FactorExplanation => {
      const sink = new EvidenceCollector(s.maxEvidence);
      v.evidence(p, sink);
      const detail = v.detail(p);
      return {
        factor,
        raw: v.raw[p],
        detail,
        normalised: v.normalised[p],
        weight: s.weights[factor],
        contribution: s.weights[factor] * v.normalised[p],
        evidence: sink.rows,
        evidenceTruncated: sink.truncated,
        text: factorSentence(factor, detail, facts),
      };
    })
    .sort((a, b) => b.contribution - a.contribution || cmp(a.factor, b.factor));
}

export { analyseNetwork };
export { rankByContacts } from './rank-by-contacts.js';
