import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { rankControllers } from '../../src/graph/rank.js';
import { safeguardingList } from '../../src/graph/safeguarding.js';
import { toyNetwork } from './fixtures.js';

describe('safeguardingList', () => {
  const g = buildGraph(toyNetwork());
  const list = safeguardingList(g);

  it('lists children first, then exploited, then vulnerable nominals', () => {
    expect(list.map((e) => [e.personId, e.group])).toEqual([
      ['R1', 'CHILD'],
      ['R2', 'EXPLOITED'],
      ['O1', 'VULNERABLE'],
    ]);
  });

  it('names the highest-ranked people above each of them, and their lines and referrals', () => {
    const ranked = rankControllers(g);
    const r1 = list[0];
    expect(r1.lines).toEqual([{ lineId: 'L1', names: ['BRAND-L1'] }]);
    expect(r1.safeguardingReferral).toBe('NO');
    expect(r1.controllersAbove.map((c) => c.personId)).toEqual(
      ranked.filter((r) => ['S', 'C1', 'H1', 'D1'].includes(r.personId)).slice(0, 3).map((r) => r.personId),
    );
    expect(['S', 'C1']).toContain(r1.controllersAbove[0].personId);
    expect(r1.evidence.every((e) => e.force === 'LEI')).toBe(true);
    expect(list[2].controllersAbove.map((c) => c.personId)).toContain('C1');
    expect(list[2].controllersAbove.map((c) => c.personId)).not.toContain('C2');
  });

  it('says when referrals are not carried', () => {
    expect(list[2].safeguardingReferral).toBeNull();
  });
});
