import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { rankControllers } from '../../src/graph/rank.js';
import { flagWords, whyLines } from '../../src/cli/commands/rank.js';
import { toyNetwork } from '../graph/fixtures.js';

// What `clim rank` prints beside the table: flags and each person's leading factors in words (issue #11 points 3 and 8).

describe('clim rank printing', () => {
  const ranked = rankControllers(buildGraph(toyNetwork()));

  it('names the flags a reader must see', () => {
    expect(flagWords({ child: true, exploited: true, vulnerable: false })).toBe('CHILD EXPLOITED');
    expect(flagWords({ child: false, exploited: false, vulnerable: true })).toBe('VULNERABLE');
    expect(flagWords({ child: false, exploited: false, vulnerable: false })).toBe('');
  });

  it("prints each person's largest factors as sentences under their rank", () => {
    const c1 = ranked.find((r) => r.personId === 'C1')!;
    const text = whyLines([c1], 2);
    const [head, ...lines] = text.trimEnd().split('\n');
    expect(head).toBe(`#${c1.rank} C1 Name C1`);
    const top = c1.factors.filter((f) => f.contribution > 0).slice(0, 2);
    expect(lines).toEqual(top.map((f) => `    ${f.factor} +${f.contribution.toFixed(2)}: ${f.text}`));
    expect(text).toContain('directs 2 people who run 2 lines in LEI, MET and NTH');
    const r1 = ranked.find((r) => r.personId === 'R1')!;
    expect(whyLines([r1]).split('\n')[0]).toBe('(not ranked: child exploited) R1 Name R1');
  });
});
