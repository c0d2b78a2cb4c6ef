import type { NetworkAnalysis } from './analyse.js';
import { cmp } from './evidence.js';
import type { FactorName } from './factors/factor.js';
import { ROLE_PRIOR } from './factors/role-prior.js';
import { personFlags, type PersonFlags } from './index.js';

// Each factor of a score as a sentence an analyst can read (issue #11 point
// 8): "directs 3 people who run 4 lines in LEI and NTH", "recorded as
// directed by no one". The numbers are the factor's own `detail`; the names
// (forces, bosses, roles) are looked up once per explained person
// (`factorFacts`). The builders are pure so each wording is tested alone.

/** What the sentences name beyond a factor's numbers. */
export interface FactorFacts {
  /** Forces of every line the person is upstream of (their own and those below them), sorted. */
  lineForces: string[];
  /** Lines someone below them works (their own included when someone below them works it too), and those lines' forces. */
  linesBelow: number;
  linesBelowForces: string[];
  /** First names of the people recorded as directing, exploiting or recruiting them. */
  directedBy: string[];
  /** Roles any force recorded for them, strongest first. */
  roles: string[];
  flags: PersonFlags;
}

const SUBORDINATING = new Set(['DIRECTS', 'EXPLOITS', 'RECRUITED']);

/** "1 line", "4 lines"; "1 person", "3 people". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "LEI", "LEI and NTH", "DER, LEI and NTH"; a long list ends "and 4 more". */
export function listWords(items: readonly string[], max = 5): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

const places = (forces: readonly string[]) => (forces.length ? ` in ${listWords(forces)}` : '');
const round = (x: number, digits = 2) => String(Number(x.toFixed(digits)));

type Builder = (detail: Record<string, number>, facts: FactorFacts) => string;

const directedByWords = (d: Record<string, number>, facts: FactorFacts): string => {
  if (!d.directedBy) return 'recorded as directed by no one';
  if (facts.directedBy.length) return `recorded as directed by ${listWords(facts.directedBy)}, so not the top of their chain`;
  const what = facts.flags.child ? 'a child' : 'exploited';
  return `recorded as ${what}, so presumed under someone's control though no one is named as directing them`;
};

export const FACTOR_WORDS: Record<FactorName, Builder> = {
  direction: (d, facts) => {
    const below = d.direct
      ? `directs ${count(d.direct, 'person', 'people')}` +
        (facts.linesBelow ? ` who ${d.direct === 1 ? 'runs' : 'run'} ${count(facts.linesBelow, 'line')}${places(facts.linesBelowForces)}` : '') +
        (d.levelsBelow > 1 ? `, ${d.levelsBelow} levels of command below them` : '')
      : 'directs no one on record';
    return `${below}; ${directedByWords(d, facts)}`;
  },
  upstreamLines: (d, facts) => {
    if (!d.lines) return 'on no line and above no one who is';
    const split = d.viaSubordinates ? ` (${d.direct} their own, ${d.viaSubordinates} run by people below them)` : '';
    const areas = d.importingAreas ? `, supplying ${count(d.importingAreas, 'importing area')}` : '';
    return `upstream of ${count(d.lines, 'line')}${split}${places(facts.lineForces)}${areas}`;
  },
  intermediaries: (d) =>
    d.intermediaries
      ? `works through ${count(d.intermediaries, 'person', 'people')} who ${d.intermediaries === 1 ? 'directs' : 'direct'} others in turn, reaching ${count(d.reachedThroughThem, 'person', 'people')} through them`
      : 'directs no one who directs others in turn',
  brokerage: (d) =>
    d.betweenness > 0
      ? `ties together parts of the network that meet through them: ${count(d.lines, 'line')} and ${count(d.relationships, 'recorded relationship')} (betweenness ${round(d.betweenness, 4)})`
      : 'ties no separate parts of the network together',
  exploitationBelow: (d, facts) => {
    if (!d.victims) {
      return facts.flags.child || facts.flags.exploited || facts.flags.vulnerable
        ? 'counts no one beside them on their lines: they are recorded as a child, exploited or vulnerable themself'
        : 'no child, exploited or vulnerable person below them or on their lines';
    }
    const kinds = [
      d.children ? count(d.children, 'child', 'children') : '',
      d.exploited ? `${d.exploited} exploited` : '',
      d.vulnerable ? `${d.vulnerable} vulnerable` : '',
    ].filter(Boolean);
    const where = d.downstream === d.victims ? 'below them' : d.downstream ? `below them or beside them on their lines (${d.downstream} below them)` : 'beside them on their own lines';
    return `${count(d.victims, 'child, exploited or vulnerable person', 'children, exploited or vulnerable people')} ${where}: ${listWords(kinds)}`;
  },
  persistence: (d) => `reported in ${d.months} of the window's ${count(d.window, 'month')}`,
  intelWeight: (d) =>
    d.reportingForces
      ? `intelligence from ${count(d.reportingForces, 'force')}, combined confidence ${round(d.confidence)}`
      : 'no graded intelligence behind their position',
  insulation: (d) => {
    if (!d.lines) return 'above no line, so nothing to be insulated from';
    const contacts = d.contactsPerRow ? `${round(d.contactsPerRow)} police contacts per reported row` : 'no police contact in the window';
    return `upstream of ${count(d.lines, 'line')} with ${contacts}`;
  },
  rolePrior: (_d, facts) =>
    facts.roles.length ? `recorded by forces as ${listWords(facts.roles)}${facts.roles.length > 1 ? ' (the strongest counts)' : ''}` : 'no role recorded by any force',
};

export function factorSentence(factor: FactorName, detail: Record<string, number>, facts: FactorFacts): string {
  return FACTOR_WORDS[factor](detail, facts);
}

/** The names the sentences need for person `p`, read from the analysis once per explanation. */
export function factorFacts({ index, hierarchy }: NetworkAnalysis, p: number): FactorFacts {
  const all = new Set<string>();
  const belowLines = new Set<number>();
  const belowForces = new Set<string>();
  const forcesOf = (l: number) => {
    const line = index.lines[l];
    return [line.exportingForce, ...line.importingAreas.map((a) => a.force), ...line.forces].filter(Boolean).map((f) => f.toUpperCase());
  };
  for (let k = hierarchy.reach.offsets[p]; k < hierarchy.reach.offsets[p + 1]; k++) {
    const l = hierarchy.reach.targets[k];
    for (const f of forcesOf(l)) all.add(f);
    if (hierarchy.reachBelow[k]) {
      belowLines.add(l);
      for (const f of forcesOf(l)) belowForces.add(f);
    }
  }
  const bosses = new Set<string>();
  for (let k = index.commandUp.offsets[p]; k < index.commandUp.offsets[p + 1]; k++) {
    if (!SUBORDINATING.has(index.commandEdges[index.commandUpEdge[k]].type)) continue;
    const boss = index.people[index.commandUp.targets[k]];
    bosses.add(boss.names[0] ?? boss.id);
  }
  const roles = new Set<string>();
  for (let k = index.personLines.offsets[p]; k < index.personLines.offsets[p + 1]; k++) for (const r of index.onLine[k].roles) roles.add(r);
  return {
    lineForces: [...all].sort(cmp),
    linesBelow: belowLines.size,
    linesBelowForces: [...belowForces].sort(cmp),
    directedBy: [...bosses].sort(cmp),
    roles: [...roles].sort((a, b) => (ROLE_PRIOR[b as keyof typeof ROLE_PRIOR] ?? 0) - (ROLE_PRIOR[a as keyof typeof ROLE_PRIOR] ?? 0) || cmp(a, b)),
    flags: personFlags(index.people[p]),
  };
}
