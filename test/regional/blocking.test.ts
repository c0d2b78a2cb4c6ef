import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import type { MergeResult } from '../../src/regional/model.js';
import type { Nominal } from '../../src/matrix/model.js';
import { input, twoForces } from './fixtures.js';

// Blocking rules that bring together two records of one person whose names
// each have one half misspelt (their order-free name keys differ): without
// the rule the pair is never compared, so the records stay two people.

const merge = (a: Partial<Nominal>, b: Partial<Nominal>) => mergeReturns(input(twoForces(a, b)));
const together = (r: MergeResult) => r.personIdByRecord.get('LEI|N1') === r.personIdByRecord.get('NTH|P7');

describe('blocking', () => {
  it('name+district: one name key and the home postcode district (MORGAN, DRREN / MORGAN, DARREN in OL8)', () => {
    const r = merge({ surname: 'Morgan', forenames: 'Drren', homePostcodeDistrict: 'OL8' }, { surname: 'Morgan', forenames: 'Darren', homePostcodeDistrict: 'OL8' });
    expect(r.stats.pairsCompared.people).toBe(1);
    expect(together(r)).toBe(true);
  });

  it('dob+initial: both name keys differ, the date of birth agrees (OKONKWO, CHIDI / OKNOKWO, CHDII)', () => {
    const r = merge({ surname: 'Okonkwo', forenames: 'Chidi', dob: '2004-03-12' }, { surname: 'Oknokwo', forenames: 'Chdii', dob: '2004-03-12' });
    expect(r.stats.pairsCompared.people).toBe(1);
    expect(together(r)).toBe(true);
  });

  it('forename+alias: the forename key and a street name, the surname misspelt (AFOLABI / AFOLBAI, EMEKA, SMURF)', () => {
    const r = merge({ surname: 'Afolabi', forenames: 'Emeka', streetNames: ['Smurf'] }, { surname: 'Afolbai', forenames: 'Emeka', streetNames: ['SMURF'] });
    expect(r.stats.pairsCompared.people).toBe(1);
    expect(together(r)).toBe(true);
  });

  it('compares nothing on a name key alone: different people with one name in common stay uncompared', () => {
    const r = merge({ surname: 'Morgan', forenames: 'Drren', homePostcodeDistrict: 'OL8' }, { surname: 'Morgan', forenames: 'Kayla', homePostcodeDistrict: 'B6' });
    expect(r.stats.pairsCompared.people).toBe(0);
  });
});
