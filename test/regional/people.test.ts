import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import type { MergeResult } from '../../src/regional/model.js';
import type { Role } from '../../src/matrix/codes.js';
import type { Nominal } from '../../src/matrix/model.js';
import { input, line, nominal, ret, twoForces } from './fixtures.js';

const personOf = (r: MergeResult, key: string) => r.people.find((p) => p.records.some((m) => m.key === key))!;
const together = (r: MergeResult) => personOf(r, 'LEI|N1') === personOf(r, 'NTH|P7');
const merge = (a: Parameters<typeof twoForces>[0], b: Parameters<typeof twoForces>[1]) => mergeReturns(input(twoForces(a, b)));

describe('people resolution', () => {
  it('merges on a shared PNC ID whatever else differs, and says so', () => {
    const r = merge(
      { surname: 'Smith', forenames: 'John', pncId: '98/1234567L', dob: '2001-01-01' },
      { surname: 'Brown', forenames: 'Kevin', pncId: '98/1234567L', dob: '1980-05-05' },
    );
    expect(together(r)).toBe(true);
    const p = personOf(r, 'LEI|N1');
    expect(p.confidence).toBe(1);
    expect(p.edges[0].basis).toBe('PNC');
    expect(p.edges[0].explanation).toBe('matched on PNC ID 98/1234567L');
  });

  it('does not merge two records with different PNC IDs even when names and DOB agree', () => {
    const r = merge(
      { surname: 'Smith', forenames: 'John', pncId: '98/1234567L', dob: '2001-01-01' },
      { surname: 'Smith', forenames: 'John', pncId: '99/7654321A', dob: '2001-01-01' },
    );
    expect(together(r)).toBe(false);
    expect(r.reviewPairs).toEqual([]);
  });

  it('keeps two records with different PNC IDs apart whatever else agrees (one line, one phone, same name and DOB)', () => {
    const same = { surname: 'Smith', forenames: 'John', dob: '2001-01-01', phoneNumbers: ['+447700900555'] };
    const returns = twoForces({ ...same, pncId: '98/1234567L' }, { ...same, pncId: '99/7654321A' });
    returns[1].parsed.lines[0].dealNumbers = ['+447700900001'];
    const r = mergeReturns(input(returns));
    expect(together(r)).toBe(false);
    expect(r.reviewPairs).toEqual([]);
  });

  it('treats a PNC ID differing only in its check letter as strong evidence', () => {
    const r = merge(
      { surname: 'Smith', forenames: 'John', pncId: '98/1234567L' },
      { surname: 'Smyth', forenames: 'Jon', pncId: '98/1234567K' },
    );
    expect(together(r)).toBe(true);
  });

  it.each([
    ['Ahmed', 'Mohammed', 'Ahmad', 'Muhammad'],
    ['Price', 'Aleksandr', 'Price', 'Alexander'],
  ])('folds transliterations (%s, %s = %s, %s)', (surnameA, foreA, surnameB, foreB) => {
    const r = merge(
      { surname: surnameA, forenames: foreA, dob: '2003-04-05' },
      { surname: surnameB, forenames: foreB, dob: '2003-04-05' },
    );
    expect(together(r)).toBe(true);
    expect(personOf(r, 'LEI|N1').edges[0].evidence.find((e) => e.comparison === 'forenames')!.level).toBe('NICKNAME_OR_VARIANT');
  });

  it('resolves nicknames (MIKE = MICHAEL)', () => {
    const r = merge({ surname: 'Jones', forenames: 'Mike', dob: '2000-02-03' }, { surname: 'Jones', forenames: 'Michael', dob: '2000-02-03' });
    expect(together(r)).toBe(true);
  });

  it('matches a double-barrelled surname used in part', () => {
    const r = merge(
      { surname: 'Smith-Jones', forenames: 'Kyle', dob: '2004-07-08' },
      { surname: 'Jones', forenames: 'Kyle', dob: '2004-07-08' },
    );
    expect(together(r)).toBe(true);
  });

  it('matches forename and surname swapped', () => {
    const r = merge({ surname: 'Owen', forenames: 'Thomas', dob: '1999-03-30' }, { surname: 'Thomas', forenames: 'Owen', dob: '1999-03-30' });
    expect(together(r)).toBe(true);
    expect(personOf(r, 'LEI|N1').edges[0].evidence[0].level).toBe('SWAPPED');
  });

  it('matches a surname typo', () => {
    const r = merge({ surname: 'Richardson', forenames: 'Leon', dob: '2002-11-12' }, { surname: 'Richadrson', forenames: 'Leon', dob: '2002-11-12' });
    expect(together(r)).toBe(true);
  });

  it.each([
    ['day and month swapped', '2002-03-11', '2002-11-03', 'DAY_MONTH_SWAPPED'],
    ['year off by one', '2002-03-11', '2003-03-11', 'YEAR_OFF_BY_ONE'],
    ['two digits of the day the wrong way round', '1999-01-20', '1999-01-02', 'DIGITS_TRANSPOSED'],
    ['two digits of the year the wrong way round', '1989-04-07', '1998-04-07', 'DIGITS_TRANSPOSED'],
  ])('matches a DOB with %s when the names agree', (_, dobA, dobB, level) => {
    const r = merge(
      { surname: 'Okafor', forenames: 'Daniel', dob: dobA, homePostcodeDistrict: 'SW9' },
      { surname: 'Okafor', forenames: 'Daniel', dob: dobB, homePostcodeDistrict: 'SW9' },
    );
    expect(together(r)).toBe(true);
    expect(personOf(r, 'LEI|N1').edges[0].evidence.find((e) => e.comparison === 'dob')!.level).toBe(level);
  });

  it.each([
    ['two digits changed, not swapped', '1999-01-20', '1999-01-13'],
    ['digits swapped that are not neighbours', '1999-01-20', '1999-02-10'],
  ])('reads a DOB with %s as different dates', (_, dobA, dobB) => {
    const r = merge(
      { surname: 'Okafor', forenames: 'Daniel', dob: dobA, homePostcodeDistrict: 'SW9' },
      { surname: 'Okafor', forenames: 'Daniel', dob: dobB, homePostcodeDistrict: 'SW9' },
    );
    // Joined on the names and district or not, the dates count against.
    const evidence = together(r) ? personOf(r, 'LEI|N1').edges[0].evidence : r.reviewPairs[0].evidence;
    expect(evidence.find((e) => e.comparison === 'dob')).toMatchObject({ level: 'DIFFERENT', weight: -4.06 });
  });

  it('a shared personal phone carries a match with no DOB', () => {
    const r = merge(
      { surname: 'Clarke', forenames: 'Jordan', phoneNumbers: ['+447700900555'] },
      { surname: 'Clark', forenames: 'Jordan', phoneNumbers: ['+447700900555'] },
    );
    expect(together(r)).toBe(true);
  });

  it('the home postcode district and a street name lift a DOB-less pair from apart to merged', () => {
    const base = { surname: 'Walker', forenames: 'Tyrese' };
    expect(together(merge(base, base))).toBe(false);
    const r = merge(
      { ...base, homePostcodeDistrict: 'LE1', streetNames: ['Ghost'] },
      { ...base, homePostcodeDistrict: 'LE1', streetNames: ['GHOST'] },
    );
    expect(together(r)).toBe(true);
  });

  it('a street name made from the forename counts as a street name when the other record has no forename', () => {
    // ADAMS, YOUNG DARREN / ADAMS, DARREN, YOUNG DARREN: the street name is the only sign of the forename on one side.
    const r = merge({ surname: 'Adams', forenames: null, streetNames: ['Young Darren'] }, { surname: 'Adams', forenames: 'Darren', streetNames: ['YOUNG DARREN'] });
    expect(together(r)).toBe(true);
    expect(personOf(r, 'LEI|N1').edges[0].evidence.find((e) => e.comparison === 'streetNames')?.level).toBe('SHARED');
    // With the forename on both sides the same street name repeats it, and says little.
    const named = merge({ surname: 'Adams', forenames: 'Darren', streetNames: ['Young Darren'] }, { surname: 'Adams', forenames: 'Darren', streetNames: ['YOUNG DARREN'] });
    expect(personOf(named, 'LEI|N1').edges[0].evidence.find((e) => e.comparison === 'streetNames')?.level).toBe('SHARED_NAME_DERIVED');
  });

  it('queues a pair between the thresholds for review with its evidence', () => {
    const same = { surname: 'Walker', forenames: 'Tyrese', homePostcodeDistrict: 'LE1' };
    const r = mergeReturns(input(twoForces(same, same), { thresholds: { upper: 50, lower: 0 } }));
    expect(r.reviewPairs).toHaveLength(1);
    const pair = r.reviewPairs[0];
    expect(pair.key).toBe('LEI|N1||NTH|P7');
    expect(pair.reason).toBe('BETWEEN_THRESHOLDS');
    expect(pair.a.fields.surname).toEqual(['Walker']);
    expect(pair.evidence.map((e) => e.comparison)).toContain('surname');
  });

  it('queues, rather than merges, two records that agree on nothing but a name, however rare the name', () => {
    const name = { surname: 'Krasniqi', forenames: 'Ardit', gender: 'M' as const };
    const r = mergeReturns(input(twoForces(name, name), { thresholds: { upper: 1, lower: 0 } }));
    expect(r.reviewPairs.map((p) => p.reason)).toEqual(['NAME_ONLY']);
    expect(r.reviewPairs[0].weight).toBeGreaterThanOrEqual(1);
    expect(together(r)).toBe(false);
    // Anything else that agrees (here the home postcode district) bears the name out.
    expect(together(mergeReturns(input(twoForces({ ...name, homePostcodeDistrict: 'LE1' }, { ...name, homePostcodeDistrict: 'LE1' }), { thresholds: { upper: 1, lower: 0 } })))).toBe(true);
  });

  it('weighs the roles the forces recorded: one role counts for them, a rare one more; different roles a little against; ASSOCIATE and UNKNOWN not at all', () => {
    const base = { surname: 'Walker', forenames: 'Tyrese', homePostcodeDistrict: 'LE1' };
    // A force's runners (names made of letters only): enough that a role's share outweighs the model's prior u.
    const letters = (i: number) => String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + Math.floor(i / 26));
    const runners = Array.from({ length: 300 }, (_, i) => nominal(`R${i}`, 'L5', { surname: `Okoro${letters(i)}`, forenames: 'Sam', role: 'RUNNER' }));
    const role = (a: Role, b: Role) => {
      const returns = [...twoForces({ ...base, role: a }, { ...base, role: b }), ret('DER', '2026-01', [line('L5', { dealNumbers: ['+447700900005'] })], runners)];
      const r = mergeReturns(input(returns, { thresholds: { upper: 100, lower: -100 } }));
      const pair = r.reviewPairs.find((p) => p.key === 'LEI|N1||NTH|P7')!;
      return { ...pair.evidence.find((e) => e.comparison === 'role')!, total: pair.weight };
    };
    const holders = role('LINE_HOLDER', 'LINE_HOLDER');
    const streetLevel = role('RUNNER', 'RUNNER');
    expect([holders.level, streetLevel.level]).toEqual(['SAME', 'SAME']);
    expect(streetLevel.weight).toBeGreaterThan(0);
    // Most people a force records are runners: two namesakes both runners is no surprise, both line holders is.
    expect(holders.weight).toBeGreaterThan(streetLevel.weight + 1);
    const differ = role('LINE_HOLDER', 'RUNNER');
    expect(differ).toMatchObject({ level: 'DIFFERENT', detail: 'LINE_HOLDER / RUNNER' });
    expect(differ.weight).toBeLessThan(0);
    expect(differ.weight).toBeGreaterThan(-1);
    expect(role('ASSOCIATE', 'LINE_HOLDER')).toMatchObject({ level: 'MISSING', weight: 0 });
    expect(holders.total).toBeGreaterThan(role('UNKNOWN', 'UNKNOWN').total);
  });

  it('never joins two records on their names and role alone: many namesakes hold one role', () => {
    const name = { surname: 'Krasniqi', forenames: 'Ardit', gender: 'M' as const, role: 'LINE_HOLDER' as const };
    const r = mergeReturns(input(twoForces(name, name), { thresholds: { upper: 1, lower: 0 } }));
    expect(r.reviewPairs[0].evidence.find((e) => e.comparison === 'role')!.weight).toBeGreaterThan(0);
    expect(r.reviewPairs.map((p) => p.reason)).toEqual(['NAME_ONLY']);
    expect(together(r)).toBe(false);
  });

  it('reads a surname built on the other (RICHARDS / RICHARDSON) as another name, not a typo, also with the names swapped', () => {
    // A shared phone has every pair compared (blocked together), whatever their names.
    const phoneNumbers = ['+447700900777'];
    const level = (a: Partial<Nominal>, b: Partial<Nominal>) =>
      mergeReturns(input(twoForces({ ...a, phoneNumbers }, { ...b, phoneNumbers }), { thresholds: { upper: 100, lower: -100 } })).reviewPairs[0].evidence.find((e) => e.comparison === 'surname')!.level;
    expect(level({ surname: 'Richards', forenames: 'Anthony' }, { surname: 'Richardson', forenames: 'Anthony' })).toBe('SIMILAR');
    expect(level({ surname: 'Johns', forenames: 'Kyle' }, { surname: 'Johnson', forenames: 'Kyle' })).not.toMatch(/TYPO|PHONETIC/);
    expect(level({ surname: 'Antohny', forenames: 'Richards' }, { surname: 'Richardson', forenames: 'Anthony' })).not.toBe('SWAPPED');
    // One letter more is still a slip of the keys.
    expect(level({ surname: 'Richard', forenames: 'Anthony' }, { surname: 'Richards', forenames: 'Anthony' })).toBe('TYPO');
  });

  it('matches a name typed forename-first, nickname and all, and a forename typed as the only name', () => {
    const phone = ['+447700900123'];
    expect(together(merge({ surname: 'Tash', forenames: 'Williams', phoneNumbers: phone }, { surname: 'Williams', forenames: 'Natasha', phoneNumbers: phone }))).toBe(true);
    const r = merge({ surname: 'Nadia', forenames: null, dob: '2006-10-10' }, { surname: 'Shah', forenames: 'Nadia', dob: '2006-10-10' });
    expect(together(r)).toBe(true);
    expect(personOf(r, 'LEI|N1').edges[0].evidence.find((e) => e.comparison === 'surname')?.level).toBe('MISSING');
  });

  it('keeps different people apart', () => {
    const r = merge({ surname: 'Smith', forenames: 'John', dob: '2001-01-01' }, { surname: 'Patel', forenames: 'Ravi', dob: '1995-06-07' });
    expect(together(r)).toBe(false);
    expect(r.reviewPairs).toHaveLength(0);
  });

  it('records every value with the row it came from', () => {
    const r = merge({ surname: 'Ahmed', forenames: 'Mohammed', dob: '2003-04-05' }, { surname: 'Ahmad', forenames: 'Muhammad', dob: '2003-04-05' });
    const p = personOf(r, 'LEI|N1');
    expect(p.dobs).toEqual([{ value: '2003-04-05', sources: [expect.objectContaining({ force: 'LEI', sheet: 'Nominals' }), expect.objectContaining({ force: 'NTH' })] }]);
    expect(p.surnames.map((s) => s.value).sort()).toEqual(['Ahmad', 'Ahmed']);
  });
});
