import { describe, expect, it } from 'vitest';
import { analyse, type Analysis } from '../../src/graph/analysis.js';
import { views } from '../../src/graph/analysis-views.js';
import type { MergeContextData } from '../../src/regional/merge-context.js';
import { DEFAULT_THRESHOLDS } from '../../src/regional/people.js';
import { toReturnInputs } from '../regional/evaluate.js';
import { presets } from '../world/index.js';

// Issue #11 point 2: a region's merge gives people of a national window the ids it stored for them; the
// people, their lines and every fact stay the same, and so must every score (a trial found 80 of 325 moved).

const context = (priorPersonIds: Map<string, string>): MergeContextData => ({
  decisions: [], enrichments: [], priorPersonIds, priorLineIds: new Map(), personAliases: new Map(), lineAliases: new Map(),
});
/** Scores by who each person is (their force records), not by the id they go by. */
const scoresByRecords = (a: Analysis) => {
  const recordsOf = new Map(a.result.people.map((p) => [p.id, p.records.map((r) => r.key).join(' ')]));
  return new Map(a.ranked.map((r) => [recordsOf.get(r.personId)!, r.score]));
};

describe("a window's analysis", () => {
  it('scores the same people the same whatever ids they go by', async () => {
    const returns = toReturnInputs(presets.region(5).returns);
    const window = { scope: 'NATIONAL', forces: [...new Set(returns.map((r) => r.force))].sort(), months: [...new Set(returns.map((r) => r.month))].sort() };
    const run = (prior: Map<string, string>) => analyse({ window, returns, context: context(prior), thresholds: DEFAULT_THRESHOLDS, builtAt: new Date(0) });
    const first = await run(new Map());
    // Brokerage is estimated from 256 pivots: only a network larger than that can tell.
    expect(first.graph.order).toBeGreaterThan(1000);
    // Every person renamed so that the order of their ids is reversed.
    const ids = first.result.people.map((p) => p.id).sort();
    const renamed = new Map(ids.map((id, i) => [id, `P-Z${String(ids.length - i).padStart(6, '0')}`]));
    const second = await run(new Map([...first.result.personIdByRecord].map(([record, id]) => [record, renamed.get(id)!])));
    expect(second.ranked.map((r) => r.personId)).not.toEqual(first.ranked.map((r) => r.personId));
    expect(scoresByRecords(second)).toEqual(scoresByRecords(first));
  });

  it('finds a person by the id the window gave them before a merge named them', async () => {
    const returns = toReturnInputs(presets.region(5).returns);
    const window = { scope: 'NATIONAL', forces: [...new Set(returns.map((r) => r.force))].sort(), months: [...new Set(returns.map((r) => r.month))].sort() };
    const run = (prior: Map<string, string>) => analyse({ window, returns, context: context(prior), thresholds: DEFAULT_THRESHOLDS, builtAt: new Date(0) });
    const before = await run(new Map());
    // A merge names the people of one region (their records now carry its ids); the rest keep theirs.
    const named = new Map([...before.result.personIdByRecord].filter(([record]) => record.startsWith('LEI|')).map(([record, id]) => [record, id.replace('P-', 'P-M')]));
    const after = await run(named);
    const moved = before.result.people.filter((p) => !after.result.people.some((q) => q.id === p.id));
    expect(moved.length).toBeGreaterThan(10);
    for (const p of moved) {
      const shown = views.person(after, { personId: p.id });
      expect(shown?.body.person.records, p.id).toEqual(p.records);
      expect(shown!.body.person.id).not.toBe(p.id);
      expect(shown!.body.links.length, p.id).toBeGreaterThan(0);
      expect(shown!.body.overallRank).toBe(after.ranked.find((r) => r.personId === shown!.body.person.id)!.overallRank);
      expect(views.network(after, { personId: p.id, depth: 1, format: 'json' })?.personId).toBe(shown!.body.person.id);
    }
    expect(views.person(after, { personId: 'P-000000000000' })).toBeNull();
    // Why a person's records were joined, in words (issue #11 point 8), as the review queue words a pair.
    const joined = after.result.people.find((p) => p.edges.some((e) => e.basis === 'SCORE'))!;
    for (const e of views.person(after, { personId: joined.id })!.body.person.edges) {
      expect(e.summary).toBeTruthy();
      expect(e.summary).not.toMatch(/ (EXACT|SHARED|DISJOINT|SAME_AREA) /);
    }
  });
});
