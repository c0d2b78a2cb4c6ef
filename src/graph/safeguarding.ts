import { cachedAnalysis, type NetworkAnalysis } from './analyse.js';
import { cmp, uniqueEvidence } from './evidence.js';
import { count, listWords } from './factor-words.js';
import { personFlags, VICTIM_CHILD, VICTIM_EXPLOITED, type PersonFlags } from './index.js';
import type { Evidence } from './model.js';
import type { NetworkGraph } from './network.js';
import { rankControllers, type RankedPerson } from './rank.js';

// The other half of the inspection's finding: "action at this level doesn't
// achieve long-term disruptions and may create further exploitation". Every
// child, exploited or vulnerable nominal in the window, children first
// (presumed exploited, MATRIX-V2 V2-NOM-CHILD), then exploited, then
// vulnerable adults; within a group those with no safeguarding referral on
// record first, then the youngest. Each comes with the highest-ranked people
// above them: people upstream of their lines (hierarchy.ts) or above them by
// a recorded relationship, ranked higher than they are — never someone who is
// on this list themself (issue #11 point 3: an exploited 16-year-old was named
// as a "controller above" other children). A child or exploited person whom the
// scores put high is left out of the controllers ranking (rank.ts) and listed
// here, with the people they are recorded as directing.

export const SAFEGUARDING_DEFAULTS = {
  /** Controllers listed per person. */
  controllersPerPerson: 3,
  maxEvidence: 12,
};

export type SafeguardingGroup = 'CHILD' | 'EXPLOITED' | 'VULNERABLE';

/** Someone a listed person is recorded as directing, supplying, exploiting, recruiting or financing. */
export interface DirectedPerson {
  personId: string;
  names: string[];
  relationships: string[];
  flags: PersonFlags;
}

export interface SafeguardingEntry {
  personId: string;
  group: SafeguardingGroup;
  flags: PersonFlags;
  names: string[];
  pncIds: string[];
  dob: string | null;
  age: number | null;
  /** Place by score among everyone: where the network scoring would have put them. */
  overallRank: number | null;
  score: number | null;
  /** Whom they are recorded as directing (DIRECTS, SUPPLIES, EXPLOITS, RECRUITED, FINANCES), and that in words. */
  directs: DirectedPerson[];
  directsText: string;
  exploited: 'YES' | 'NO' | 'UNKNOWN';
  vulnerabilities: string[];
  /** null when the input does not carry referrals. */
  safeguardingReferral: 'YES' | 'NO' | 'UNKNOWN' | null;
  nrmReferral: 'YES' | 'NO' | 'UNKNOWN' | null;
  forces: string[];
  lines: { lineId: string; names: string[] }[];
  /** Each with the handling conditions of the rows behind them (V2-HANDLING): their names travel in this entry. */
  controllersAbove: { personId: string; rank: number; score: number; names: string[]; handlingConditions: string[] }[];
  handlingConditions: string[];
  evidence: Evidence[];
  evidenceTotal: number;
}

export interface SafeguardingOptions extends Partial<typeof SAFEGUARDING_DEFAULTS> {
  /** The ranking to draw controllers from; computed with defaults when absent. */
  ranked?: RankedPerson[];
  analysis?: NetworkAnalysis;
}

const GROUP_ORDER: Record<SafeguardingGroup, number> = { CHILD: 0, EXPLOITED: 1, VULNERABLE: 2 };

export function safeguardingList(graph: NetworkGraph, options: SafeguardingOptions = {}): SafeguardingEntry[] {
  const opts = { ...SAFEGUARDING_DEFAULTS, ...options };
  const analysis = options.analysis ?? cachedAnalysis(graph);
  const ranked = options.ranked ?? rankControllers(graph, { analysis });
  const { index, hierarchy } = analysis;
  const byId = new Map(ranked.map((r) => [r.personId, r]));
  const upstreamOf = invert(hierarchy.reach.offsets, hierarchy.reach.targets, index.lines.length);

  const out: SafeguardingEntry[] = [];
  for (let p = 0; p < index.people.length; p++) {
    const flags = index.victim[p];
    const { personLines, onLine } = index;
    if (!flags) continue;
    const person = index.people[p];
    const self = byId.get(person.id);
    const above = new Set<number>(ancestors(analysis, p));
    const lines: SafeguardingEntry['lines'] = [];
    const evidence: Evidence[] = [];
    const conditions = new Set(person.handlingConditions);
    for (let k = personLines.offsets[p]; k < personLines.offsets[p + 1]; k++) {
      const l = personLines.targets[k];
      lines.push({ lineId: index.lines[l].id, names: index.lines[l].names });
      evidence.push(...onLine[k].evidence);
      for (const c of index.lines[l].handlingConditions) conditions.add(c);
      for (const q of upstreamOf[l]) above.add(q);
    }
    above.delete(p);
    const controllersAbove = [...above]
      .filter((q) => !index.victim[q])
      .map((q) => byId.get(index.people[q].id))
      .filter((r): r is RankedPerson & { rank: number } => r !== undefined && r.rank !== null && (!self || r.overallRank < self.overallRank))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, opts.controllersPerPerson)
      .map((r) => ({ personId: r.personId, rank: r.rank, score: r.score, names: r.names, handlingConditions: r.handlingConditions }));
    const all = uniqueEvidence(evidence);
    const directs = directed(analysis, p);
    out.push({
      personId: person.id,
      group: flags & VICTIM_CHILD ? 'CHILD' : flags & VICTIM_EXPLOITED ? 'EXPLOITED' : 'VULNERABLE',
      flags: personFlags(person),
      names: person.names,
      pncIds: person.pncIds,
      dob: person.dob,
      age: person.age,
      overallRank: self?.overallRank ?? null,
      score: self?.score ?? null,
      directs,
      directsText: directsWords(directs),
      exploited: person.exploited,
      vulnerabilities: person.vulnerabilities,
      safeguardingReferral: person.safeguardingReferral ?? null,
      nrmReferral: person.nrmReferral ?? null,
      forces: person.forces,
      lines,
      controllersAbove,
      handlingConditions: [...conditions].sort(cmp),
      evidence: all.slice(0, opts.maxEvidence),
      evidenceTotal: all.length,
    });
  }
  return out.sort(
    (a, b) =>
      GROUP_ORDER[a.group] - GROUP_ORDER[b.group] ||
      Number(a.safeguardingReferral === 'YES') - Number(b.safeguardingReferral === 'YES') ||
      (a.age ?? 999) - (b.age ?? 999) ||
      cmp(a.personId, b.personId),
  );
}

/** The people `p` is recorded as directing (and the like), by id. */
function directed({ index }: NetworkAnalysis, p: number): DirectedPerson[] {
  const byTarget = new Map<number, Set<string>>();
  for (let k = index.command.offsets[p]; k < index.command.offsets[p + 1]; k++) {
    const q = index.command.targets[k];
    (byTarget.get(q) ?? byTarget.set(q, new Set()).get(q)!).add(index.commandEdges[k].type);
  }
  return [...byTarget]
    .map(([q, types]) => ({ personId: index.people[q].id, names: index.people[q].names, relationships: [...types].sort(cmp), flags: personFlags(index.people[q]) }))
    .sort((a, b) => cmp(a.names[0] ?? '', b.names[0] ?? '') || cmp(a.personId, b.personId));
}

/** "directs 2 people: JOHN SMITH (DIRECTS), LEE KERR (RECRUITED)" or "directs no one on record". */
export function directsWords(directs: readonly Pick<DirectedPerson, 'personId' | 'names' | 'relationships'>[]): string {
  if (directs.length === 0) return 'directs no one on record';
  const who = directs.map((d) => `${d.names[0] ?? d.personId} (${d.relationships.join(', ')})`);
  return `directs ${count(directs.length, 'person', 'people')}: ${listWords(who, 8)}`;
}

/** People above `p` by recorded command relationships, up to the analysis depth. */
function ancestors({ index, options }: NetworkAnalysis, p: number): number[] {
  const { commandUp } = index;
  const seen = new Map<number, number>([[p, 0]]);
  const queue = [p];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i];
    const d = seen.get(u)!;
    if (d >= options.maxDepth) continue;
    for (let k = commandUp.offsets[u]; k < commandUp.offsets[u + 1]; k++) {
      const v = commandUp.targets[k];
      if (!seen.has(v)) {
        seen.set(v, d + 1);
        queue.push(v);
      }
    }
  }
  return queue.slice(1);
}

/** person → lines CSR turned into line → people lists. */
function invert(offsets: Int32Array, targets: Int32Array, lineCount: number): number[][] {
  const out: number[][] = Array.from({ length: lineCount }, () => []);
  for (let p = 0; p + 1 < offsets.length; p++) {
    for (let k = offsets[p]; k < offsets[p + 1]; k++) out[targets[k]].push(p);
  }
  return out;
}
