import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import { retiredIds } from '../../src/regional/ids.js';
import { lookbackMonths, mergeMonth } from '../../src/regional/month-merge.js';
import { buildPersonRecords } from '../../src/regional/records.js';
import { reissuingForces } from '../../src/regional/people.js';
import { input, line, nominal, ret } from './fixtures.js';
import { presets } from '../world/index.js';
import { pairwiseQuality, toReturnInputs } from './evaluate.js';

// Issue #11 point 5: one person, one entry, one id. LEI reissues its nominal
// refs every month (A1, B7, C3 are one person); NTH keeps its refs.

const kwame = { surname: 'Mensah', forenames: 'Kwame', dob: '2000-05-06', gender: 'M' as const };
const months = ['2026-01', '2026-02', '2026-03'];
const refs = ['A1', 'B7', 'C3'];
// Three different people LEI reports once each: same line, one a month.
const others = [
  { surname: 'Okafor', forenames: 'Tunde', dob: '1990-01-01' },
  { surname: 'Patel', forenames: 'Ravi', dob: '1985-07-12' },
  { surname: 'Nowak', forenames: 'Piotr', dob: '1979-03-30' },
];
const returns = months.flatMap((m, i) => [
  ret('LEI', m, [line('L1')], [nominal(refs[i], 'L1', kwame), nominal(`Z${i}`, 'L1', others[i])]),
  ret('NTH', m, [line('N1', { dealNumbers: ['+447700900002'] })], [nominal('N9', 'N1', { surname: 'Jones', forenames: 'Bob', dob: '1999-02-03' })]),
]);

describe('people seen month by month', () => {
  it('recognises a force that reissues its refs, and not one that keeps them', () => {
    expect([...reissuingForces(buildPersonRecords(returns))]).toEqual(['LEI']);
    expect(reissuingForces(buildPersonRecords(returns.filter((r) => r.month === '2026-01'))).size).toBe(0);
  });

  it('joins the refs a force reissued for one person across a window, and no two people it reports in one month', () => {
    const window = mergeReturns(input(returns, { newId: undefined }));
    const id = (k: string) => window.personIdByRecord.get(k);
    expect(new Set(refs.map((r) => id(`LEI|${r}`))).size).toBe(1);
    expect(new Set(['Z0', 'Z1', 'Z2'].map((r) => id(`LEI|${r}`))).size).toBe(3);
    expect(id('LEI|A1')).not.toBe(id('LEI|Z0'));
  });

  it('gives a person the same id in every month merge as the window does', () => {
    const stored = new Map<string, string>();
    for (const m of months) {
      const result = mergeMonth({ ...input(returns, { newId: undefined }), priorPersonIds: new Map(stored) }, m);
      expect(result.months).toEqual([m]);
      for (const [k, v] of result.personIdByRecord) stored.set(k, v);
    }
    expect(new Set(refs.map((r) => stored.get(`LEI|${r}`))).size).toBe(1);
    expect(stored.get('NTH|N9')).toBeDefined();
  });

  it("gives an earlier month's entity the id of this month's when the window shows they are one person", () => {
    // January: LEI's Kwame (DOB) and NTH's Kwame (phone) agree on the name only, so they stay two.
    // February: LEI's reissued ref carries both the DOB and the phone, and joins them.
    const phone = ['+447700900555'];
    const months2 = [
      ret('LEI', '2026-01', [line('L1')], [nominal('A1', 'L1', kwame), nominal('Z0', 'L1', others[0])]),
      ret('NTH', '2026-01', [line('N1', { dealNumbers: ['+447700900002'] })], [nominal('N5', 'N1', { ...kwame, dob: null, phoneNumbers: phone })]),
      ret('LEI', '2026-02', [line('L1')], [nominal('B7', 'L1', { ...kwame, phoneNumbers: phone }), nominal('Z1', 'L1', others[1])]),
    ];
    const stored = new Map<string, string>();
    const aliases = new Map<string, string>();
    const jan = mergeMonth({ ...input(months2, { newId: undefined }), priorPersonIds: new Map(stored) }, '2026-01');
    expect(jan.personIdByRecord.get('LEI|A1')).not.toBe(jan.personIdByRecord.get('NTH|N5'));
    for (const [k, v] of jan.personIdByRecord) stored.set(k, v);
    const feb = mergeMonth({ ...input(months2, { newId: undefined }), priorPersonIds: new Map(stored) }, '2026-02');
    for (const [old, id] of retiredIds(stored, feb.personIdByRecord)) aliases.set(old, id);
    for (const [k, v] of feb.personIdByRecord) stored.set(k, v);
    expect(feb.people.map((p) => p.records.map((r) => r.key))).toEqual([['LEI|B7'], ['LEI|Z1']]);
    const id = stored.get('LEI|B7');
    expect(['LEI|A1', 'NTH|N5'].map((k) => stored.get(k))).toEqual([id, id]);
    // The January id that lost is an alias of the one they share now.
    expect([...aliases.values()]).toEqual([id]);
  });

  it('keeps as one person two of its records that only the months before link, and says so', () => {
    // January: NTH's Kwame with DOB and phone. February: LEI's Kwame has the DOB, DER's the phone; alone,
    // February sees two records agreeing on the name only (review), the window sees one person.
    const phone = ['+447700900555'];
    const data = [
      ret('NTH', '2026-01', [line('N1', { dealNumbers: ['+447700900002'] })], [nominal('N5', 'N1', { ...kwame, phoneNumbers: phone })]),
      ret('LEI', '2026-02', [line('L1')], [nominal('A1', 'L1', kwame)]),
      ret('DER', '2026-02', [line('D1', { dealNumbers: ['+447700900003'] })], [nominal('D3', 'D1', { ...kwame, dob: null, phoneNumbers: phone })]),
    ];
    const alone = mergeReturns(input(data.filter((r) => r.month === '2026-02'), { newId: undefined }));
    expect(alone.personIdByRecord.get('LEI|A1')).not.toBe(alone.personIdByRecord.get('DER|D3'));
    const feb = mergeMonth(input(data, { newId: undefined }), '2026-02');
    expect(feb.people.map((p) => p.records.map((r) => r.key))).toEqual([['DER|D3', 'LEI|A1']]);
    expect(feb.people[0].edges).toEqual([expect.objectContaining({
      basis: 'WINDOW', weight: null, explanation: 'one person in the resolution of 2025-12 to 2026-02, whose earlier months hold the records that link them',
    })]);
    expect(feb.reviewPairs).toEqual([]);
  });

  it('looks back over the ranking window: the month and the two before it', () => {
    expect(lookbackMonths('2026-02')).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('keeps precision on a generated world where forces reissue refs, and links across months as the window does', () => {
    const world = presets.small(3, { noise: { refsReissued: 0.5 } });
    const all = toReturnInputs(world.returns);
    const window = mergeReturns(input(all, { newId: undefined }));
    const stored = new Map<string, string>();
    for (const m of [...new Set(all.map((r) => r.month))].sort()) {
      const result = mergeMonth({ ...input(all, { newId: undefined }), priorPersonIds: new Map(stored) }, m);
      for (const [k, v] of result.personIdByRecord) stored.set(k, v);
    }
    const w = pairwiseQuality(window.personIdByRecord, world.truth.personOfRecord);
    const monthly = pairwiseQuality(stored, world.truth.personOfRecord);
    expect(w.precision).toBeGreaterThanOrEqual(0.995);
    expect(w.recall).toBeGreaterThanOrEqual(0.9);
    expect(monthly.precision).toBeGreaterThanOrEqual(0.995);
    expect(pairwiseQuality(stored, window.personIdByRecord).recall).toBeGreaterThanOrEqual(0.95);
  });
});
