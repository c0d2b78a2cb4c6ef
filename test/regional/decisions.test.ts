import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import type { Decision, MergeResult } from '../../src/regional/model.js';
import { input, line, nominal, ret } from './fixtures.js';

const personOf = (r: MergeResult, key: string) => r.people.find((p) => p.records.some((m) => m.key === key))!.id;

// One person reported by three forces, each pair a clear match on name and DOB.
const same = { surname: 'Mensah', forenames: 'Kwame', dob: '2000-05-06', homePostcodeDistrict: 'SW9' };
const threeForces = () => [
  ret('LEI', '2026-01', [line('L1', { dealNumbers: ['+447700900001'] })], [nominal('A', 'L1', same)]),
  ret('NTH', '2026-01', [line('L2', { dealNumbers: ['+447700900002'], name: 'ONE' })], [nominal('B', 'L2', same)]),
  ret('DER', '2026-01', [line('L3', { dealNumbers: ['+447700900003'], name: 'TWO' })], [nominal('C', 'L3', same)]),
];
const merge = (decisions: Decision[]) => mergeReturns(input(threeForces(), { decisions }));

describe('analyst decisions', () => {
  it('joins the three records on scores alone', () => {
    const r = merge([]);
    expect(new Set([personOf(r, 'LEI|A'), personOf(r, 'NTH|B'), personOf(r, 'DER|C')]).size).toBe(1);
  });

  it("'different' keeps two records apart even when other matches would join them transitively", () => {
    const r = merge([{ aKey: 'LEI|A', bKey: 'DER|C', decision: 'different' }]);
    expect(personOf(r, 'LEI|A')).not.toBe(personOf(r, 'DER|C'));
    expect(r.stats.decisionsApplied).toBe(1);
    // B can join only one of them; the edge refused by the constraint is put before the analyst.
    expect(r.reviewPairs.map((p) => p.reason)).toEqual(['BLOCKED_BY_CONSTRAINT']);
  });

  it("'different' overrides a shared PNC ID", () => {
    const returns = [
      ret('LEI', '2026-01', [line('L1')], [nominal('A', 'L1', { pncId: '98/1234567L' })]),
      ret('NTH', '2026-01', [line('L2', { dealNumbers: ['+447700900002'] })], [nominal('B', 'L2', { pncId: '98/1234567L' })]),
    ];
    const r = mergeReturns(input(returns, { decisions: [{ aKey: 'NTH|B', bKey: 'LEI|A', decision: 'different' }] }));
    expect(personOf(r, 'LEI|A')).not.toBe(personOf(r, 'NTH|B'));
  });

  it("'same' joins records the scores keep apart", () => {
    const returns = [
      ret('LEI', '2026-01', [line('L1')], [nominal('A', 'L1', { surname: 'Smith', forenames: 'John' })]),
      ret('NTH', '2026-01', [line('L2', { dealNumbers: ['+447700900002'] })], [nominal('B', 'L2', { surname: 'Patel', forenames: 'Ravi' })]),
    ];
    const r = mergeReturns(input(returns, { decisions: [{ aKey: 'LEI|A', bKey: 'NTH|B', decision: 'same' }] }));
    expect(personOf(r, 'LEI|A')).toBe(personOf(r, 'NTH|B'));
    const edge = r.people.find((p) => p.records.length === 2)!.edges[0];
    expect(edge).toMatchObject({ basis: 'DECISION', explanation: 'analyst decision: same' });
  });

  it('removing a decision returns the pair to its score', () => {
    const decided = merge([{ aKey: 'LEI|A', bKey: 'NTH|B', decision: 'different' }]);
    expect(personOf(decided, 'LEI|A')).not.toBe(personOf(decided, 'NTH|B'));
    const reverted = merge([]);
    expect(personOf(reverted, 'LEI|A')).toBe(personOf(reverted, 'NTH|B'));
  });

  it("a 'same' that would cross a 'different' is not honoured and is counted as a conflict", () => {
    const r = merge([
      { aKey: 'LEI|A', bKey: 'DER|C', decision: 'different' },
      { aKey: 'LEI|A', bKey: 'NTH|B', decision: 'same' },
      { aKey: 'NTH|B', bKey: 'DER|C', decision: 'same' },
    ]);
    expect(personOf(r, 'LEI|A')).not.toBe(personOf(r, 'DER|C'));
    expect(r.stats.decisionConflicts).toBe(1);
  });

  it('a decision about a line record does not touch a person record with the same key', () => {
    const r = merge([{ aKey: 'LEI|A', bKey: 'DER|C', decision: 'different', kind: 'line' }]);
    expect(personOf(r, 'LEI|A')).toBe(personOf(r, 'DER|C'));
  });
});

describe('refs of one force', () => {
  const other = { surname: 'Mensah', forenames: 'Kofi', dob: '2003-01-02' };

  it('never joins two refs of one force on scores alone, even through another force', () => {
    // C (no DOB) matches both A and B; A and B, compared directly, do not (their DOBs differ).
    const r = mergeReturns(input([
      ret('LEI', '2026-01', [line('L1'), line('L3', { dealNumbers: ['+447700900003'] })], [nominal('A', 'L1', same), nominal('B', 'L3', { ...same, forenames: 'Kwamena', dob: '1997-02-14' })]),
      ret('NTH', '2026-01', [line('L2', { dealNumbers: ['+447700900002'] })], [nominal('C', 'L2', { ...same, dob: null })]),
    ]));
    expect(r.stats.blockedByConstraint).toBeGreaterThan(0);
    expect(personOf(r, 'LEI|A')).not.toBe(personOf(r, 'LEI|B'));
  });

  it("joins a force's duplicate record through another force when the two refs also match directly", () => {
    const r = mergeReturns(input([
      ret('LEI', '2026-01', [line('L1')], [nominal('A', 'L1', same), nominal('B', 'L1', same), nominal('X', 'L1', other)]),
      ret('NTH', '2026-01', [line('L2', { dealNumbers: ['+447700900002'] })], [nominal('C', 'L2', same)]),
    ]));
    expect(new Set([personOf(r, 'LEI|A'), personOf(r, 'LEI|B'), personOf(r, 'NTH|C')]).size).toBe(1);
    expect(personOf(r, 'LEI|X')).not.toBe(personOf(r, 'LEI|A'));
  });

  it('joins two refs of one force sharing a PNC ID (a duplicate record)', () => {
    const r = mergeReturns(input([
      ret('LEI', '2026-01', [line('L1')], [nominal('A', 'L1', { pncId: '98/1234567L' }), nominal('B', 'L1', { surname: 'Smyth', pncId: '98/1234567L' })]),
    ]));
    expect(personOf(r, 'LEI|A')).toBe(personOf(r, 'LEI|B'));
    expect(r.people.find((p) => p.records.length === 2)!.edges[0].explanation).toContain('duplicate LEI records');
  });
});

describe('stable ids', () => {
  const month = (m: string) => threeForces().map((x) => ({ ...x, month: m, returnId: `${x.force}-${m}` }));

  it('keeps a person id across months through the previous merge ids', () => {
    const jan = mergeReturns(input(month('2026-01')));
    const feb = mergeReturns(input(month('2026-02'), { priorPersonIds: jan.personIdByRecord, priorLineIds: jan.lineIdByRecord, newId: () => 'NEW' }));
    expect(personOf(feb, 'LEI|A')).toBe(personOf(jan, 'LEI|A'));
    expect(feb.lines.map((l) => l.id).sort()).toEqual(jan.lines.map((l) => l.id).sort());
  });

  it('derives the same ids from the same data when no id generator is given', () => {
    const a = mergeReturns(input(month('2026-01'), { newId: undefined }));
    const b = mergeReturns(input(month('2026-01'), { newId: undefined }));
    expect(a.people.map((p) => p.id)).toEqual(b.people.map((p) => p.id));
    expect(a.people[0].id).toMatch(/^P-[0-9A-F]{12}$/);
  });

  it('two entities merging keep the smallest of their ids; a split keeps it on the larger part', () => {
    const prior = new Map([['LEI|A', 'P9'], ['NTH|B', 'P2'], ['DER|C', 'P2']]);
    const joined = mergeReturns(input(threeForces(), { priorPersonIds: prior, newId: () => 'NEW' }));
    expect(personOf(joined, 'LEI|A')).toBe('P2');
    const split = mergeReturns(input(threeForces(), {
      priorPersonIds: new Map([['LEI|A', 'P2'], ['NTH|B', 'P2'], ['DER|C', 'P2']]),
      decisions: [{ aKey: 'LEI|A', bKey: 'NTH|B', decision: 'different' }, { aKey: 'LEI|A', bKey: 'DER|C', decision: 'different' }],
      newId: () => 'NEW',
    }));
    expect(personOf(split, 'NTH|B')).toBe('P2');
    expect(personOf(split, 'LEI|A')).toBe('NEW');
  });
});
