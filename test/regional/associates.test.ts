import { describe, expect, it } from 'vitest';
import type { Nominal } from '../../src/matrix/model.js';
import { mergeReturns } from '../../src/regional/merge.js';
import type { MergeResult } from '../../src/regional/model.js';
import { toReturnInputs } from './evaluate.js';
import { input, line, nominal, ret } from './fixtures.js';
import { presets } from '../world/index.js';

// Cluster-level evidence (associates.ts). Tyrese Walker, no date of birth,
// reported by NTH on a line with Kieran Obi. LEI reports a Tyrese Walker
// (with a date of birth) on a line of its own; MET reports "T Walker" with
// that date of birth, on a line with Kieran Obi. Record by record, NTH's
// Walker matches LEI's on the name alone (no line, no date of birth, no one
// in common) and MET's too weakly (an initial); once LEI's and MET's records
// are one person, that person works with Kieran Obi, as NTH's Walker does.

const obi: Partial<Nominal> = { surname: 'Obi', forenames: 'Kieran', dob: '1990-01-01' };
const walker: Partial<Nominal> = { surname: 'Walker', forenames: 'Tyrese' };

function world(nthAssociate: Partial<Nominal>) {
  return [
    ret('LEI', '2026-01', [line('L1', { dealNumbers: ['+447700900001'] })], [nominal('N1', 'L1', { ...walker, dob: '2001-02-03' })]),
    ret('MET', '2026-01', [line('M1', { dealNumbers: ['+447700900003'], exportingArea: 'Brixton' })], [
      nominal('M-W', 'M1', { surname: 'Walker', forenames: 'T', dob: '2001-02-03' }),
      nominal('M-K', 'M1', obi),
    ]),
    ret('NTH', '2026-01', [line('X9', { dealNumbers: ['+447700900002'] })], [nominal('P7', 'X9', walker), nominal('P8', 'X9', nthAssociate)]),
  ];
}
const together = (r: MergeResult, a: string, b: string) => r.personIdByRecord.get(a) === r.personIdByRecord.get(b);

describe('people who work with the same people', () => {
  it('joins a name-only pair when the people they resolve into work with the same person, and says so', () => {
    const r = mergeReturns(input(world(obi)));
    expect(together(r, 'MET|M-K', 'NTH|P8')).toBe(true);
    expect(together(r, 'LEI|N1', 'MET|M-W')).toBe(true);
    expect(together(r, 'LEI|N1', 'NTH|P7')).toBe(true);
    const edge = r.people.find((p) => p.records.some((m) => m.key === 'NTH|P7'))!.edges.find((e) => e.a === 'NTH|P7' || e.b === 'NTH|P7')!;
    expect(edge.evidence.find((e) => e.comparison === 'associates')).toMatchObject({ level: 'ONE', detail: '1 in common' });
    expect(r.reviewPairs.filter((p) => p.kind === 'person')).toEqual([]);
  });

  it('leaves the pair to an analyst when their associates differ', () => {
    const r = mergeReturns(input(world({ surname: 'Hussain', forenames: 'Adil', dob: '1992-05-06' })));
    expect(together(r, 'LEI|N1', 'MET|M-W')).toBe(true);
    expect(together(r, 'LEI|N1', 'NTH|P7')).toBe(false);
    expect(r.reviewPairs.filter((p) => p.kind === 'person').map((p) => [p.key, p.reason])).toEqual([['LEI|N1||NTH|P7', 'NAME_ONLY']]);
  });

  it('never joins them when any two of their records disagree on date of birth', () => {
    const returns = world(obi);
    returns[2].parsed.nominals[0].dob = '1985-11-12';
    const r = mergeReturns(input(returns));
    expect(together(r, 'MET|M-K', 'NTH|P8')).toBe(true);
    expect(together(r, 'LEI|N1', 'NTH|P7')).toBe(false);
  });

  it('gives the same people and review queue whatever order the returns and their rows come in', () => {
    const shuffled = (returns: ReturnType<typeof world>) =>
      [...returns].reverse().map((r) => ({ ...r, parsed: { ...r.parsed, nominals: [...r.parsed.nominals].reverse() } }));
    const generated = toReturnInputs(presets.small(2, { noise: { refsReissued: 0.3 } }).returns);
    for (const returns of [world(obi), generated]) {
      const a = mergeReturns(input(returns));
      const b = mergeReturns(input(shuffled(returns)));
      expect([...b.personIdByRecord].sort()).toEqual([...a.personIdByRecord].sort());
      expect(b.reviewPairs.map((p) => [p.key, p.weight, p.reason])).toEqual(a.reviewPairs.map((p) => [p.key, p.weight, p.reason]));
    }
  });
});
