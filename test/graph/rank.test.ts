import { describe, expect, it } from 'vitest';
import { analyseNetwork, cachedAnalysis } from '../../src/graph/analyse.js';
import { buildGraph } from '../../src/graph/build.js';
import { GraphInputError } from '../../src/graph/errors.js';
import { DEFAULTS, explainPerson, rankByContacts, rankControllers } from '../../src/graph/rank.js';
import { toyNetwork } from './fixtures.js';

const ids = (r: { personId: string }[]) => r.map((p) => p.personId);

describe('rankControllers', () => {
  it('puts the supplier and controllers above line holders, and line holders above street level', () => {
    const ranked = ids(rankControllers(buildGraph(toyNetwork())));
    expect(new Set(ranked.slice(0, 3))).toEqual(new Set(['S', 'C1', 'C2']));
    expect(ranked.indexOf('H1')).toBeLessThan(ranked.indexOf('R1'));
    expect(ranked.indexOf('H2')).toBeLessThan(ranked.indexOf('D1'));
  });

  it('still finds the controlling minds when no force records any role', () => {
    const ranked = ids(rankControllers(buildGraph(toyNetwork({ roles: false }))));
    expect(new Set(ranked.slice(0, 3))).toEqual(new Set(['S', 'C1', 'C2']));
  });

  it('is the old contacts order turned upside down', () => {
    const old = ids(rankByContacts(buildGraph(toyNetwork())));
    expect(old[0]).toBe('D1');
    expect(old.indexOf('S')).toBeGreaterThan(old.indexOf('R1'));
  });

  it('never raises a score when police contacts rise', () => {
    const base = toyNetwork();
    const more = toyNetwork();
    more.links = more.links.map((l) => (l.personId === 'H1' ? { ...l, policeContacts: l.policeContacts + 20 } : l));
    const score = (g: ReturnType<typeof toyNetwork>) => rankControllers(buildGraph(g)).find((r) => r.personId === 'H1')!.score;
    expect(score(more)).toBeLessThanOrEqual(score(base));
  });

  it('explains a score as the sum of weighted normalised factors, with the rows behind them', () => {
    const [top] = rankControllers(buildGraph(toyNetwork()));
    expect(top.rank).toBe(1);
    expect(top.factors.reduce((s, f) => s + f.contribution, 0)).toBeCloseTo(top.score);
    for (const f of top.factors) {
      expect(f.weight).toBe(DEFAULTS.weights[f.factor]);
      expect(f.contribution).toBeCloseTo(f.weight * f.normalised);
      expect(f.normalised).toBeGreaterThanOrEqual(0);
      expect(f.normalised).toBeLessThanOrEqual(1);
    }
    const upstream = top.factors.find((f) => f.factor === 'upstreamLines')!;
    expect(upstream.evidence.length).toBeGreaterThan(0);
    expect(upstream.evidence[0]).toEqual(expect.objectContaining({ force: expect.any(String), month: expect.any(String), sheet: expect.any(String), row: expect.any(Number) }));
    expect(top.factors.map((f) => f.contribution)).toEqual([...top.factors.map((f) => f.contribution)].sort((a, b) => b - a));
  });

  it('ranks by the weights it is given', () => {
    const g = buildGraph(toyNetwork());
    const onlyRole = rankControllers(g, { weights: Object.fromEntries(Object.keys(DEFAULTS.weights).map((k) => [k, k === 'rolePrior' ? 1 : 0])) });
    expect(onlyRole[0].score).toBe(1);
    expect(() => rankControllers(g, { weights: { direction: -1 } })).toThrow(GraphInputError);
    expect(() => rankControllers(g, { weights: { contacts: 1 } as never })).toThrow(GraphInputError);
  });

  it('reuses one analysis per graph and recomputes after a change', () => {
    const g = buildGraph(toyNetwork());
    const a = cachedAnalysis(g);
    expect(cachedAnalysis(g)).toBe(a);
    g.mergeNodeAttributes('person:R1', { exploited: 'NO' });
    expect(cachedAnalysis(g)).not.toBe(a);
  });

  it('gives the same ranking with an explicit analysis and with the cached one, and can stop at a limit', () => {
    const g = buildGraph(toyNetwork());
    const explicit = rankControllers(g, { analysis: analyseNetwork(g) });
    expect(rankControllers(g)).toEqual(explicit);
    expect(rankControllers(g, { limit: 2 })).toEqual(explicit.slice(0, 2));
  });
});

describe('explanations', () => {
  it('explains the first `explain` people and gives the rest rank and score', () => {
    const g = buildGraph(toyNetwork());
    const ranked = rankControllers(g, { explain: 2 });
    expect(ranked[1].factors.length).toBeGreaterThan(0);
    expect(ranked[2].factors).toEqual([]);
    expect(ranked[2].rank).toBe(3);
  });

  it('explains any one person on request, with the same rank and score', () => {
    const g = buildGraph(toyNetwork());
    const ranked = rankControllers(g);
    const r1 = explainPerson(g, 'R1');
    expect(r1).toEqual(ranked.find((r) => r.personId === 'R1'));
    expect(() => explainPerson(g, 'NOBODY')).toThrow(/No person/);
  });
});
