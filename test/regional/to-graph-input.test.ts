import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import { toGraphInput } from '../../src/regional/to-graph-input.js';
import { input, line, nominal, ret } from './fixtures.js';

const kwame = { surname: 'Mensah', forenames: 'Kwame', dob: '2000-05-06', role: 'CONTROLLER' as const };
const child = { surname: 'Doe', forenames: 'Jay', dob: '2010-03-04', exploited: 'YES' as const };

function world() {
  return [
    ret('MET', '2026-01', [line('M-1', { handlingCode: 'C', handlingConditions: 'LE only', childExploitation: 'YES' })], [
      nominal('MN1', 'M-1', kwame),
      nominal('MN2', 'M-1', { ...child, exploitedBy: ['MN1'], handlingCode: 'C' }), // inherits the line's C
    ], {
      associations: [{ row: 2, fromRef: 'MN1', toRef: 'MN2', relationship: 'RECRUITED', bestGrading: '2B' }],
      addresses: [{ row: 2, lineRef: 'M-1', postcode: 'LE11 1AA', type: 'CUCKOOED', occupantRef: 'MN2', firstSeen: null, lastSeen: null }],
    }),
    ret('LEI', '2026-01', [line('L7')], [nominal('LN4', 'L7', kwame), nominal('LN5', 'L7', { surname: 'Roe', forenames: 'Sam' })]),
  ];
}

describe('toGraphInput', () => {
  it('names a person as the forces recorded them, never a forename with a surname from another row', () => {
    // One person, one shared PNC ID: MET writes MATHEWS, NATHAN; GMP swapped the columns; LEI typed MATHWES.
    const pnc = '01/1234567Z';
    const returns = [
      ret('MET', '2026-01', [line('M-1')], [nominal('M1', 'M-1', { surname: 'Mathews', forenames: 'Nathan', pncId: pnc })]),
      ret('GMP', '2026-01', [line('G-1')], [nominal('G1', 'G-1', { surname: 'Nathan', forenames: 'Mathews', pncId: pnc })]),
      ret('LEI', '2026-01', [line('L-1')], [nominal('L1', 'L-1', { surname: 'Mathwes', forenames: 'Nathan', pncId: pnc }), nominal('L2', 'L-1', { surname: 'Mathwes', forenames: null, pncId: pnc })]),
    ];
    const g = toGraphInput(mergeReturns(input(returns)), returns);
    expect(g.people).toHaveLength(1);
    expect(new Set(g.people[0].names)).toEqual(new Set(['NATHAN MATHEWS', 'NATHAN MATHWES', 'MATHEWS NATHAN', 'MATHWES']));
  });

  it('maps every return fact onto merged ids with its evidence', () => {
    const returns = world();
    const result = mergeReturns(input(returns, {
      enrichments: [
        { kind: 'association', personId: 'P1', targetPersonId: 'P3', relationship: 'FINANCES', author: 'rocu.analyst', createdAt: '2026-02-10T09:00:00Z' },
        { kind: 'note', personId: 'P1', text: 'Seen in Leicester', author: 'rocu.analyst', createdAt: '2026-02-10T09:00:00Z' },
        { kind: 'ocg', lineId: 'L1', ocgUrn: 'OCG-77', author: 'rocu.analyst', createdAt: '2026-02-10T09:00:00Z' },
      ],
    }));
    const kw = result.personIdByRecord.get('MET|MN1')!;
    expect(result.personIdByRecord.get('LEI|LN4')).toBe(kw);
    const g = toGraphInput(result, returns);
    expect(g.months).toEqual(['2026-01']);
    expect(g.people).toHaveLength(3);
    expect(g.lines).toHaveLength(1);
    expect(g.links).toHaveLength(4);
    const victim = result.personIdByRecord.get('MET|MN2')!;
    expect(g.associations).toEqual(expect.arrayContaining([
      expect.objectContaining({ fromId: kw, toId: victim, relationship: 'RECRUITED', source: 'FORCE', evidence: { force: 'MET', month: '2026-01', sheet: 'Associations', row: 2 } }),
      expect.objectContaining({ fromId: kw, toId: victim, relationship: 'EXPLOITS', source: 'FORCE' }),
      expect.objectContaining({ fromId: 'P1', toId: 'P3', relationship: 'FINANCES', source: 'ROCU', evidence: expect.objectContaining({ sheet: 'ROCU' }) }),
    ]));
    expect(g.addresses).toEqual([expect.objectContaining({ occupantId: victim, type: 'CUCKOOED', postcode: 'LE11 1AA' })]);
    const p = g.people.find((x) => x.id === victim)!;
    expect(p).toMatchObject({ exploited: 'YES', age: 15, dob: '2010-03-04', names: ['JAY DOE'], handlingConditions: ['LE only'] });
    expect(g.lines[0]).toMatchObject({ childExploitation: true, handlingConditions: ['LE only'], forces: ['LEI', 'MET'] });
    expect(result.people.find((x) => x.id === 'P1')!.notes).toEqual([{ text: 'Seen in Leicester', author: 'rocu.analyst', createdAt: '2026-02-10T09:00:00Z' }]);
    expect(result.lines[0].ocgUrns).toEqual([{ urn: 'OCG-77', source: 'ROCU', sources: [], author: 'rocu.analyst' }]);
  });
});
