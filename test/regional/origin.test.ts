import { describe, expect, it } from 'vitest';
import type { Nominal } from '../../src/matrix/model.js';
import { mergeReturns } from '../../src/regional/merge.js';
import type { MergeResult, ReturnInput } from '../../src/regional/model.js';
import { input, line, nominal, ret, twoForces } from './fixtures.js';

// The network around a pair of person records: where their lines run from
// (origin.ts), and how telling it is that they are on one line, given how
// many people each force reports (people.ts, `lineFrequency`).

const together = (r: MergeResult, a = 'LEI|N1', b = 'NTH|P7') => r.personIdByRecord.get(a) === r.personIdByRecord.get(b);
const exportedFrom = (returns: ReturnInput[], exportingForce: string, exportingArea: string) => {
  Object.assign(returns[1].parsed.lines[0], { exportingForce, exportingArea });
  return returns;
};

describe('where their lines run from', () => {
  // Same name and street name, no date of birth, PNC ID or phone: namesakes or one person. Roles unknown,
  // so that the origin is the only other evidence (a role both forces recorded counts too: people.test.ts).
  const walker: Partial<Nominal> = { surname: 'Walker', forenames: 'Tyrese', streetNames: ['Ghost'], role: 'UNKNOWN' };

  it('joins them when their lines run from the same area, and says so', () => {
    const r = mergeReturns(input(twoForces(walker, walker)));
    expect(together(r)).toBe(true);
    const origin = r.people.find((p) => p.records.length === 2)!.edges[0].evidence.find((e) => e.comparison === 'origin')!;
    expect(origin).toMatchObject({ level: 'SAME_AREA', detail: 'MET: Lambeth' });
    expect(origin.weight).toBeGreaterThan(0);
  });

  it('keeps them apart, for an analyst to decide, when their lines run from different exporting forces', () => {
    const r = mergeReturns(input(exportedFrom(twoForces(walker, walker), 'MER', 'Toxteth')));
    expect(together(r)).toBe(false);
    expect(r.reviewPairs).toHaveLength(1);
    const origin = r.reviewPairs[0].evidence.find((e) => e.comparison === 'origin')!;
    expect(origin).toMatchObject({ level: 'DIFFERENT_FORCE', detail: 'MET: Lambeth / MER: Toxteth' });
    expect(origin.weight).toBeLessThan(0);
  });

  it('weighs another area of the same exporting force (often the same area by another name) at about nothing', () => {
    const weightOf = (returns: ReturnInput[]) => mergeReturns(input(returns, { thresholds: { upper: 100, lower: -100 } })).reviewPairs[0];
    const alias = weightOf(exportedFrom(twoForces(walker, walker), 'MET', 'Brixton'));
    expect(alias.evidence.find((e) => e.comparison === 'origin')!.level).toBe('SAME_FORCE');
    expect(Math.abs(alias.evidence.find((e) => e.comparison === 'origin')!.weight)).toBeLessThan(0.5);
  });

  it('does not count the area again when a shared line or home district already places them together', () => {
    const district = { ...walker, homePostcodeDistrict: 'SW9' };
    const r = mergeReturns(input(twoForces(district, district)));
    const evidence = r.people.find((p) => p.records.length === 2)!.edges[0].evidence;
    expect(evidence.find((e) => e.comparison === 'origin')).toMatchObject({ level: 'SAME_AREA', weight: 0 });
  });

  it('does not let a name-only pair through on the area alone', () => {
    const name = { surname: 'Krasniqi', forenames: 'Ardit', gender: 'M' as const };
    const r = mergeReturns(input(twoForces(name, name)));
    expect(r.reviewPairs.map((p) => p.reason)).toEqual(['NAME_ONLY']);
    expect(together(r)).toBe(false);
  });
});

describe('both on one line, in a small and in a large merge', () => {
  /** The pair on one deal number, beside `others` people per force each on a line of their own. */
  function world(others: number): ReturnInput[] {
    const returns: ReturnInput[] = [];
    for (const [force, ref, lineRef] of [['LEI', 'N1', 'L1'], ['NTH', 'P7', 'X9']]) {
      const lines = [line(lineRef, { dealNumbers: ['+447700900001'] })];
      const nominals = [nominal(ref, lineRef, { surname: 'Walker', forenames: 'Tyrese' })];
      for (let i = 0; i < others; i++) {
        lines.push(line(`${lineRef}-${i}`, { dealNumbers: [`+4477009${force === 'LEI' ? 1 : 2}${String(i).padStart(4, '0')}`] }));
        nominals.push(nominal(`${ref}-${i}`, `${lineRef}-${i}`, { surname: `Other${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, forenames: 'Sam' }));
      }
      returns.push(ret(force, '2026-01', lines, nominals));
    }
    return returns;
  }
  const sharedLine = (others: number) => {
    const r = mergeReturns(input(world(others), { thresholds: { upper: 100, lower: -100 } }));
    return r.reviewPairs.find((p) => p.key === 'LEI|N1||NTH|P7')!.evidence.find((e) => e.comparison === 'sharedLine')!;
  };

  it('counts one line among hundreds for more than one among a handful', () => {
    const small = sharedLine(0);
    const large = sharedLine(600);
    expect(small.level).toBe('SHARED');
    expect(large.level).toBe('SHARED');
    expect(large.weight).toBeGreaterThan(small.weight + 1.5);
  });
});
