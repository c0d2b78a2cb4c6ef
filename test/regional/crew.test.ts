import { describe, expect, it } from 'vitest';
import { crews, withCrew } from '../../src/regional/crew.js';
import type { ScoredPair } from '../../src/regional/resolve.js';

const pair = (weight: number, evidence: ScoredPair['evidence'] = []): ScoredPair => ({
  a: 0, b: 1, basis: 'SCORE', certain: false, weight, probability: 0.5, evidence, explanation: '',
});

describe('crew comparison', () => {
  // Records 0 (force A, line 0) and 1 (force B, line 1); records 2 and 3 are
  // the same two people (groups 7 and 8) reported on both lines.
  const groupOf = [0, 1, 7, 8, 7, 8];
  const linesOf = [[0], [1], [0], [0], [1], [1]];

  it('lifts a pair whose lines carry the same resolved people', () => {
    const crew = crews(groupOf, linesOf, 2);
    expect([...crew[0]].sort()).toEqual([7, 8]);
    const lifted = withCrew(pair(1), crew[0], crew[1], 0, 1, false);
    expect(lifted.evidence.at(-1)).toMatchObject({ comparison: 'crew', level: 'TWO_OR_MORE' });
    expect(lifted.weight).toBeGreaterThan(10);
  });

  it('lowers a pair whose crews are known and share nobody', () => {
    const crew = crews([0, 1, 7, 8], [[0], [1], [0], [1]], 2);
    expect(withCrew(pair(1), crew[0], crew[1], 0, 1, false).weight).toBeLessThan(1);
  });

  it('leaves alone a pair already scored on a shared line', () => {
    const crew = crews(groupOf, linesOf, 2);
    const onLine = pair(1);
    expect(withCrew(onLine, crew[0], crew[1], 0, 1, true)).toBe(onLine);
  });
});
