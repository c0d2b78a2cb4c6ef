import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import { missingReturns } from '../../src/regional/missing-returns.js';
import type { MergeResult } from '../../src/regional/model.js';
import { input, line, nominal, ret } from './fixtures.js';

const lineOf = (r: MergeResult, key: string) => r.lines.find((l) => l.records.some((m) => m.key === key))!.id;
const kwame = { surname: 'Mensah', forenames: 'Kwame', dob: '2000-05-06' };
const leon = { surname: 'Richards', forenames: 'Leon', dob: '2001-07-08' };

describe('line resolution', () => {
  it('joins two forces reporting the same deal number in the same month', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { dealNumbers: ['+447700900001'], name: 'JAY' })], []),
      ret('LEI', '2026-01', [line('L7', { dealNumbers: ['+447700900001', '+447700900099'], name: 'Jay line' })], []),
    ]));
    expect(lineOf(r, 'MET|M-1')).toBe(lineOf(r, 'LEI|L7'));
    const l = r.lines.find((x) => x.records.length === 2)!;
    expect(l.edges[0]).toMatchObject({ basis: 'DEAL_NUMBER', explanation: 'matched on deal number +447700900001' });
    expect(l.dealNumbers[0]).toMatchObject({ value: '+447700900001' });
  });

  it('does not join on a deal number used more than three months apart (recycled number)', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { dealNumbers: ['+447700900001'], name: 'JAY' })], []),
      ret('LEI', '2026-06', [line('L7', { dealNumbers: ['+447700900001'], name: 'DEE', exportingForce: 'WMP' })], []),
    ]));
    expect(lineOf(r, 'MET|M-1')).not.toBe(lineOf(r, 'LEI|L7'));
  });

  it('queues same brand, exporting force and importing area with nothing else shared', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { dealNumbers: ['+447700900001'] })], []),
      ret('LEI', '2026-01', [line('L7', { dealNumbers: ['+447700900002'] })], []),
    ]));
    expect(lineOf(r, 'MET|M-1')).not.toBe(lineOf(r, 'LEI|L7'));
    expect(r.reviewPairs).toMatchObject([{ kind: 'line', key: 'LEI|L7||MET|M-1' }]);
  });

  it('merges same brand and exporting force when the lines share resolved people', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { dealNumbers: ['+447700900001'] })], [nominal('MN1', 'M-1', kwame)]),
      ret('LEI', '2026-01', [line('L7', { dealNumbers: ['+447700900002'] })], [nominal('LN4', 'L7', kwame)]),
    ]));
    expect(lineOf(r, 'MET|M-1')).toBe(lineOf(r, 'LEI|L7'));
  });

  it('keeps a line id through a line swap: new number and new ref, same brand, force and people', () => {
    const jan = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { dealNumbers: ['+447700900001'] })], [nominal('A', 'M-1', kwame), nominal('B', 'M-1', leon)]),
    ], { newId: () => 'L-JAN' }));
    const feb = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { dealNumbers: ['+447700900001'] })], [nominal('A', 'M-1', kwame), nominal('B', 'M-1', leon)]),
      ret('MET', '2026-02', [line('M-2', { dealNumbers: ['+447700900777'] })], [nominal('A', 'M-2', kwame), nominal('B', 'M-2', leon)]),
    ], { priorLineIds: jan.lineIdByRecord, priorPersonIds: jan.personIdByRecord }));
    expect(lineOf(feb, 'MET|M-2')).toBe('L-JAN');
    expect(feb.lines.find((l) => l.id === 'L-JAN')!.edges[0].basis).toBe('LINE_SWAP');
  });

  it('keeps two refs of one force active in the same month apart', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [
        line('M-1', { dealNumbers: ['+447700900001'] }),
        line('M-2', { dealNumbers: ['+447700900002'] }),
      ], [nominal('A', 'M-1', kwame), nominal('A', 'M-2', kwame), nominal('B', 'M-1', leon), nominal('B', 'M-2', leon)]),
    ]));
    expect(lineOf(r, 'MET|M-1')).not.toBe(lineOf(r, 'MET|M-2'));
  });
});

describe('deconfliction', () => {
  it('alerts when two forces actively investigate one line, naming forces and refs', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { investigation: 'ACTIVE_INVESTIGATION' })], [nominal('MN1', 'M-1', kwame)]),
      ret('LEI', '2026-01', [line('L7', { investigation: 'ACTIVE_INVESTIGATION' })], [nominal('LN4', 'L7', kwame)]),
      ret('NTH', '2026-01', [line('X1', { investigation: 'INTEL_ONLY' })], [nominal('Q', 'X1', kwame)]),
    ]));
    const lineAlert = r.alerts.find((a) => a.kind === 'line')!;
    expect(lineAlert.forces).toEqual([
      { force: 'LEI', refs: ['L7'], lineRefs: ['L7'], months: ['2026-01'] },
      { force: 'MET', refs: ['M-1'], lineRefs: ['M-1'], months: ['2026-01'] },
    ]);
    const personAlert = r.alerts.find((a) => a.kind === 'person')!;
    expect(personAlert.forces.map((f) => [f.force, f.refs])).toEqual([['LEI', ['LN4']], ['MET', ['MN1']]]);
    expect(personAlert.message).toContain('MENSAH, Kwame');
  });

  it('raises a person alert when the person is on different actively investigated lines in two forces', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { investigation: 'ACTIVE_INVESTIGATION' })], [nominal('MN1', 'M-1', kwame)]),
      ret('LEI', '2026-01', [line('L7', { name: 'OTHER', dealNumbers: ['+447700900055'], exportingForce: 'WMP', investigation: 'ACTIVE_INVESTIGATION' })], [nominal('LN4', 'L7', kwame)]),
    ]));
    expect(r.alerts.map((a) => a.kind)).toEqual(['person']);
  });

  it('raises nothing when only one force investigates', () => {
    const r = mergeReturns(input([
      ret('MET', '2026-01', [line('M-1', { investigation: 'ACTIVE_INVESTIGATION' })], [nominal('MN1', 'M-1', kwame)]),
      ret('LEI', '2026-01', [line('L7')], [nominal('LN4', 'L7', kwame)]),
    ]));
    expect(r.alerts).toEqual([]);
  });
});

describe('missing returns', () => {
  it('lists the region forces with nothing accepted, and the nil returns', () => {
    expect(missingReturns('EAST_MIDLANDS', '2026-01', ['LEI', 'NTH', 'DER'], ['DER'])).toEqual({
      region: 'EAST_MIDLANDS',
      month: '2026-01',
      expected: ['DER', 'LEI', 'LIN', 'NOT', 'NTH'],
      missing: ['LIN', 'NOT'],
      nil: ['DER'],
      reporting: ['LEI', 'NTH'],
    });
  });

  it('treats NATIONAL as every force', () => {
    expect(missingReturns('NATIONAL', '2026-01', [], []).expected).toHaveLength(44);
  });
});
