import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import { DEFAULT_THRESHOLDS } from '../../src/regional/people.js';
import { presets } from '../world/index.js';
import { toReturnInputs } from './evaluate.js';

// A window's analysis reads a resolution's people, lines and links only: it
// resolves with `entitiesOnly`, which leaves out what only a stored merge keeps.
const returns = toReturnInputs(presets.small(3).returns);
const input = {
  scope: 'NATIONAL', months: [...new Set(returns.map((r) => r.month))], returns, decisions: [],
  priorPersonIds: new Map<string, string>(), priorLineIds: new Map<string, string>(), thresholds: DEFAULT_THRESHOLDS,
};

describe('a resolution for a window', () => {
  it('has the same people, lines, links, ids and counts as the merge, without its review queue, alerts or source rows', () => {
    const merge = mergeReturns(input);
    const window = mergeReturns({ ...input, entitiesOnly: true });
    expect(merge.reviewPairs.length).toBeGreaterThan(0);
    expect(merge.alerts.length).toBeGreaterThan(0);
    expect(JSON.stringify([window.people, window.lines, window.links])).toBe(JSON.stringify([merge.people, merge.lines, merge.links]));
    expect([...window.personIdByRecord]).toEqual([...merge.personIdByRecord]);
    expect([...window.lineIdByRecord]).toEqual([...merge.lineIdByRecord]);
    expect(window.stats).toEqual(merge.stats);
    expect([window.reviewPairs, window.alerts, window.sourceRows]).toEqual([[], [], { lines: [], nominals: [] }]);
  });
});
