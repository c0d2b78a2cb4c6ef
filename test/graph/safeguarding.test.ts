import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { rankControllers } from '../../src/graph/rank.js';
import { safeguardingList } from '../../src/graph/safeguarding.js';
import { assoc, link, person, toyNetwork } from './fixtures.js';

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

  it('never names a child or exploited person as a controller above, lists them with whom they direct, and ranks them nowhere', () => {
    // An exploited 16-year-old line holder on L1 directs the street dealer and the child runner there.
    const data = toyNetwork();
    data.people.push(person('K', { age: 16, exploited: 'YES', forces: ['LEI'], names: ['KAI DOE'] }));
    data.links.push(...['2026-01', '2026-02', '2026-03'].map((month) => link('K', 'L1', { role: 'LINE_HOLDER', force: 'LEI', month })));
    data.associations.push(assoc('K', 'DIRECTS', 'D1'), assoc('K', 'RECRUITED', 'R1'));
    const graph = buildGraph(data);
    const ranked = rankControllers(graph);
    const entries = safeguardingList(graph, { ranked });
    const kai = ranked.find((r) => r.personId === 'K')!;
    expect(kai).toMatchObject({ rank: null, flags: { child: true, exploited: true, vulnerable: false } });
    expect(ranked.filter((r) => r.rank !== null).map((r) => r.rank)).toEqual(ranked.filter((r) => r.rank !== null).map((_, i) => i + 1));
    const listed = new Set(entries.map((e) => e.personId));
    expect(listed.has('K')).toBe(true);
    for (const e of entries) for (const a of e.controllersAbove) expect(listed.has(a.personId), `${e.personId} above ${a.personId}`).toBe(false);
    const entry = entries.find((e) => e.personId === 'K')!;
    expect(entry.directs.map((d) => [d.personId, d.relationships])).toEqual([['D1', ['DIRECTS']], ['R1', ['RECRUITED']]]);
    expect(entry.directsText).toBe('directs 2 people: Name D1 (DIRECTS) and Name R1 (RECRUITED)');
    expect(entry.overallRank).toBe(kai.overallRank);
  });
});
