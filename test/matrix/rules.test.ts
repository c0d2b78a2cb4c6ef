// Every rule of every rule set: one workbook that trips it and one that passes
// it. A rule added without a case here fails the coverage test at the end.
import { describe, expect, it } from 'vitest';
import { RULESETS } from '../../src/matrix/rulesets/index.js';
import { validateWorkbook } from '../../src/matrix/validate.js';
import { NOW, dropColumn, setMeta, toRaw, validReturn, type Fixture } from './fixtures.js';

interface Case {
  /** V2 id; the V1 counterpart (when there is one) is tested with the same workbook declared as version 1. */
  id: string;
  trip: (fx: Fixture) => void;
  /** A near miss that must pass; the untouched valid return is always checked too. */
  pass?: (fx: Fixture) => void;
  /** Text the message must contain. */
  says?: string;
}

const L = (fx: Fixture, i: number) => fx.lines.rows[i];
const N = (fx: Fixture, i: number) => fx.nominals.rows[i];
const long = (n: number) => 'x'.repeat(n);

const CASES: Case[] = [
  { id: 'V2-FILE-SHEET', trip: (fx) => (fx.order = fx.order.filter((o) => o !== 'nominals')), pass: (fx) => (fx.nominals.name = ' NOMINALS ') },
  { id: 'V2-FILE-COLUMN', trip: (fx) => dropColumn(fx.nominals, 'Surname'), pass: (fx) => dropColumn(fx.lines, 'Closed Date') },
  { id: 'V2-FILE-UNKNOWN-COLUMN', trip: (fx) => fx.lines.headers.push('Colour'), pass: (fx) => (fx.lines.headers[0] = 'line reference') },
  { id: 'V2-FILE-EXTRA-SHEET', trip: (fx) => fx.extra.push({ name: 'Guidance', headers: ['Rule'], rows: [] }) },
  {
    id: 'V2-FILE-LIMIT',
    trip: (fx) => {
      fx.addresses!.headers.push('Comment');
      for (let i = 0; i < 50_001; i++) fx.addresses!.rows.push({ Comment: 'x' });
    },
  },
  { id: 'V2-CELL-FORMULA', trip: (fx) => (L(fx, 0)['Line Name'] = { formula: 'UPPER("jay")' }), pass: (fx) => (L(fx, 0)['Line Name'] = { formula: 'UPPER("jay")', result: 'JAY' }) },
  { id: 'V2-CELL-DATE', trip: (fx) => (L(fx, 0)['First Seen'] = '11/30/2023'), pass: (fx) => (L(fx, 0)['First Seen'] = '30/11/2023'), says: 'not a date' },
  { id: 'V2-RETURN-FORCE', trip: (fx) => setMeta(fx, 'Force', 'Atlantis'), pass: (fx) => setMeta(fx, 'Force', 'Leicestershire Police') },
  { id: 'V2-RETURN-MONTH', trip: (fx) => setMeta(fx, 'Reporting Month', '2024-05'), pass: (fx) => setMeta(fx, 'Reporting Month', new Date('2024-03-01T00:00:00Z')) },
  { id: 'V2-RETURN-VERSION', trip: (fx) => setMeta(fx, 'Guidance Version', 3), pass: (fx) => setMeta(fx, 'Guidance Version', 'v2') },
  { id: 'V2-RETURN-NIL', trip: (fx) => setMeta(fx, 'Nil Return', 'YES'), pass: (fx) => setMeta(fx, 'Nil Return', 'no') },
  { id: 'V2-RETURN-PREPARED', trip: (fx) => setMeta(fx, 'Prepared By', null), pass: (fx) => setMeta(fx, 'Prepared By', 4521) },
  { id: 'V2-RETURN-EMAIL', trip: (fx) => setMeta(fx, 'Contact Email', 'analyst at leics'), pass: (fx) => setMeta(fx, 'Contact Email', null) },
  { id: 'V2-LINE-REF', trip: (fx) => (L(fx, 1)['Line Ref'] = 'lei-l001'), pass: (fx) => (L(fx, 1)['Line Ref'] = 'LEI-L003'), says: 'also used on row 2' },
  { id: 'V2-LINE-NAME', trip: (fx) => (L(fx, 0)['Line Name'] = long(61)), pass: (fx) => (L(fx, 0)['Line Name'] = long(60)) },
  { id: 'V2-LINE-NUMBER', trip: (fx) => (L(fx, 0)['Deal Numbers'] = '0771 234'), pass: (fx) => (L(fx, 0)['Deal Numbers'] = '+44 (0)7700-900001'), says: 'Deal number 0771 234 is not a UK mobile number' },
  { id: 'V2-LINE-EXPFORCE', trip: (fx) => (L(fx, 0)['Exporting Force'] = 'LONDON'), pass: (fx) => (L(fx, 0)['Exporting Force'] = 'met') },
  { id: 'V2-LINE-EXPAREA', trip: (fx) => (L(fx, 0)['Exporting Area'] = long(121)) },
  { id: 'V2-LINE-IMPAREA', trip: (fx) => (L(fx, 0)['Importing Areas'] = 'Market Harborough'), pass: (fx) => (L(fx, 0)['Importing Areas'] = 'LEI:Market Harborough\nlei : Loughborough') },
  { id: 'V2-LINE-STATUS', trip: (fx) => (L(fx, 0)['Line Status'] = 'OPEN'), pass: (fx) => (L(fx, 0)['Line Status'] = ' active ') },
  { id: 'V2-LINE-INVESTIGATION', trip: (fx) => (L(fx, 0)['Investigation Status'] = 'MAYBE'), pass: (fx) => (L(fx, 0)['Investigation Status'] = 'Active investigation') },
  { id: 'V2-LINE-CLOSED', trip: (fx) => (L(fx, 1)['Closed Date'] = null), pass: (fx) => (L(fx, 1)['Closed Date'] = '2024-03-31') },
  { id: 'V2-LINE-DATES', trip: (fx) => (L(fx, 0)['First Seen'] = '2024-03-25'), pass: (fx) => (L(fx, 0)['First Seen'] = '2024-03-20') },
  { id: 'V2-LINE-STALE', trip: (fx) => (L(fx, 0)['Last Activity'] = '2023-12-01'), pass: (fx) => (L(fx, 0)['Last Activity'] = '2024-01-01') },
  { id: 'V2-LINE-DRUGS', trip: (fx) => (L(fx, 0)['Drug Types'] = 'HEROIN, ASPIRIN'), pass: (fx) => (L(fx, 0)['Drug Types'] = 'heroin, crack\ncannabis') },
  { id: 'V2-LINE-EXPLOITATION', trip: (fx) => (L(fx, 0)['Child Exploitation'] = 'PERHAPS'), pass: (fx) => (L(fx, 0)['Child Exploitation'] = 'unknown') },
  { id: 'V2-LINE-WEAPONS', trip: (fx) => (L(fx, 0)['Weapons'] = 'SWORD'), pass: (fx) => (L(fx, 0)['Weapons'] = 'knife; firearm') },
  {
    id: 'V2-LINE-THRESHOLD',
    trip: (fx) => Object.assign(L(fx, 0), { Evidential: 'NO', 'Intel Reports': 1, 'Best Grading': '3C' }),
    pass: (fx) => Object.assign(L(fx, 0), { Evidential: 'NO', 'Intel Reports': 2, 'Best Grading': '3C' }),
  },
  { id: 'V2-GRADING', trip: (fx) => (L(fx, 0)['Best Grading'] = '2E'), pass: (fx) => (L(fx, 0)['Best Grading'] = '1 a'), says: 'suspected false' },
  { id: 'V2-HANDLING', trip: (fx) => (L(fx, 1)['Handling Conditions'] = null), pass: (fx) => (N(fx, 1)['Handling Code'] = 'C') },
  { id: 'V2-LINE-NOTES', trip: (fx) => (L(fx, 0)['Notes'] = long(2001)), pass: (fx) => (L(fx, 0)['Notes'] = long(2000)) },
  {
    id: 'V2-LINE-MOVEMENT',
    trip: (fx) => Object.assign(L(fx, 0), { 'Exporting Force': 'LEI', 'Exporting Area': 'Market Harborough', 'Importing Areas': 'LEI:market-harborough' }),
    pass: (fx) => Object.assign(L(fx, 0), { 'Exporting Force': 'LEI', 'Exporting Area': 'Market Harborough', 'Importing Areas': 'LEI:Loughborough' }),
  },
  { id: 'V2-LINE-MOVEMENT-SAME', trip: (fx) => (L(fx, 0)['Importing Areas'] = 'LEI:Loughborough; MET:Lambeth') },
  { id: 'V2-LINE-TOUCHES', trip: (fx) => (L(fx, 0)['Importing Areas'] = 'NTH:Corby'), pass: (fx) => (L(fx, 0)['Importing Areas'] = 'NTH:Corby; LEI:Hinckley') },
  { id: 'V2-LINE-HOLDER', trip: (fx) => (N(fx, 0)['Role'] = 'RUNNER'), pass: (fx) => (N(fx, 0)['Role'] = 'UNKNOWN') },
  { id: 'V2-NOM-REF', trip: (fx) => (N(fx, 3)['Nominal Ref'] = 'X'), pass: (fx) => (N(fx, 3)['Nominal Ref'] = 42) },
  { id: 'V2-NOM-LINE', trip: (fx) => (N(fx, 2)['Line Ref'] = 'LEI-L999'), pass: (fx) => (N(fx, 2)['Line Ref'] = 'lei-l002') },
  { id: 'V2-NOM-ROLE', trip: (fx) => (N(fx, 2)['Role'] = 'BOSS'), pass: (fx) => (N(fx, 2)['Role'] = 'street dealer') },
  { id: 'V2-NOM-NAME', trip: (fx) => (N(fx, 2)['Forenames'] = null), pass: (fx) => Object.assign(N(fx, 2), { Forenames: null, 'Street Names': 'LITTLE J' }) },
  { id: 'V2-NOM-DOB', trip: (fx) => (N(fx, 3)['DOB'] = '2030-01-01'), pass: (fx) => (N(fx, 3)['DOB'] = '01/01/1960') },
  { id: 'V2-NOM-IDENT', trip: (fx) => (N(fx, 3)['DOB'] = null), pass: (fx) => Object.assign(N(fx, 3), { DOB: null, 'PNC ID': '01/2345S' }) },
  { id: 'V2-NOM-CODE', trip: (fx) => (N(fx, 0)['Gender'] = 'Q'), pass: (fx) => (N(fx, 0)['Gender'] = 'f') },
  { id: 'V2-NOM-PNC', trip: (fx) => (N(fx, 0)['PNC ID'] = '98-1234567L'), pass: (fx) => (N(fx, 0)['PNC ID'] = '98/1234567l') },
  { id: 'V2-NOM-PNC-CHECK', trip: (fx) => (N(fx, 0)['PNC ID'] = '98/1234567X'), pass: (fx) => (N(fx, 0)['PNC ID'] = '98/01234567L'.replace('/0', '/')) },
  { id: 'V2-NOM-POSTCODE', trip: (fx) => (N(fx, 0)['Home Postcode District'] = 'SW9 8AA'), pass: (fx) => (N(fx, 0)['Home Postcode District'] = 'nw10') },
  { id: 'V2-NOM-VULN', trip: (fx) => (N(fx, 2)['Vulnerabilities'] = 'CHILD'), pass: (fx) => (N(fx, 2)['Vulnerabilities'] = 'missing episodes; debt bondage'), says: 'worked out from the date of birth' },
  { id: 'V2-NOM-EXPLOITED', trip: (fx) => (N(fx, 0)['Exploited'] = 'PERHAPS') },
  { id: 'V2-NOM-EXPLOITER', trip: (fx) => (N(fx, 2)['Exploited By'] = 'LEI-N999'), pass: (fx) => (N(fx, 2)['Exploited By'] = 'lei-n001; LEI-N003') },
  { id: 'V2-NOM-CONTACTS', trip: (fx) => (N(fx, 0)['Police Contacts'] = 'two'), pass: (fx) => (N(fx, 0)['Police Contacts'] = ' 2 ') },
  { id: 'V2-NOM-PHONE', trip: (fx) => (N(fx, 0)['Phone Numbers'] = '0116 222 2222'), pass: (fx) => (N(fx, 0)['Phone Numbers'] = '0044 7700 900101, 447700900102') },
  { id: 'V2-NOM-CONSISTENT', trip: (fx) => (N(fx, 1)['Surname'] = 'SMYTH'), pass: (fx) => (N(fx, 1)['Surname'] = '  smith ') },
  { id: 'V2-NOM-DUPLICATE', trip: (fx) => fx.nominals.rows.push({ ...N(fx, 2) }), pass: (fx) => fx.nominals.rows.push({ ...N(fx, 2), 'Line Ref': 'LEI-L002' }) },
  { id: 'V2-NOM-CHILD', trip: (fx) => (N(fx, 2)['Exploited'] = 'NO'), pass: (fx) => Object.assign(N(fx, 3), { Exploited: 'NO' }) },
  { id: 'V2-NOM-CHILD-CONTROLLER', trip: (fx) => (N(fx, 2)['Role'] = 'CONTROLLER'), pass: (fx) => (N(fx, 3)['Role'] = 'CONTROLLER') },
  { id: 'V2-NOM-SAFEGUARD', trip: (fx) => (N(fx, 3)['Safeguarding Referral'] = 'NO') },
  { id: 'V2-ADDR-LINE', trip: (fx) => (fx.addresses!.rows[0]['Line Ref'] = 'LEI-L999') },
  { id: 'V2-ADDR-POSTCODE', trip: (fx) => (fx.addresses!.rows[0]['Postcode'] = 'LE16'), pass: (fx) => (fx.addresses!.rows[0]['Postcode'] = 'le167aa') },
  { id: 'V2-ADDR-TYPE', trip: (fx) => (fx.addresses!.rows[0]['Address Type'] = 'SHED'), pass: (fx) => (fx.addresses!.rows[0]['Address Type'] = 'trap house') },
  { id: 'V2-ADDR-OCCUPANT', trip: (fx) => (fx.addresses!.rows[0]['Occupant Nominal Ref'] = 'LEI-N999') },
  { id: 'V2-ADDR-DATES', trip: (fx) => (fx.addresses!.rows[0]['Last Seen'] = '2023-12-31'), pass: (fx) => (fx.addresses!.rows[0]['Last Seen'] = '2024-01-05') },
  { id: 'V2-ASSOC-REF', trip: (fx) => (fx.associations!.rows[0]['To Nominal Ref'] = 'LEI-N001'), pass: (fx) => (fx.associations!.rows[0]['To Nominal Ref'] = 'lei-n003') },
  { id: 'V2-ASSOC-TYPE', trip: (fx) => (fx.associations!.rows[0]['Relationship'] = 'LOVES'), pass: (fx) => (fx.associations!.rows[0]['Relationship'] = 'finances') },
];

function run(version: number, tweak?: (fx: Fixture) => void) {
  const fx = validReturn();
  setMeta(fx, 'Guidance Version', version);
  tweak?.(fx);
  return validateWorkbook(toRaw(fx), { now: NOW });
}

const ruleIn = (version: number, id: string) => RULESETS.find((s) => s.version === version)!.rules.find((r) => r.id === id);

describe.each(RULESETS.map((s) => s.version))('guidance version %i', (version) => {
  const cases = CASES.map((c) => ({ ...c, id: c.id.replace(/^V2-/, `V${version}-`) })).filter((c) => ruleIn(version, c.id));

  it('accepts the valid return with no problem at all', () => {
    const result = run(version);
    expect(result.problems).toEqual([]);
    expect(result.parsed).not.toBeNull();
    expect(result.guidanceVersion).toBe(version);
  });

  it.each(cases)('$id: trips on a breaking workbook and passes a near miss', ({ id, trip, pass, says }) => {
    const def = ruleIn(version, id)!;
    const tripped = run(version, trip).problems.filter((p) => p.rule === id);
    expect(tripped.length, `expected ${id}`).toBeGreaterThan(0);
    expect(tripped.every((p) => p.severity === def.severity)).toBe(true);
    if (says) expect(tripped.map((p) => p.message).join('\n')).toContain(says);
    if (pass) expect(run(version, pass).problems.filter((p) => p.rule === id)).toEqual([]);
  });
});

describe('rule coverage', () => {
  it('has a tripping workbook for every rule id of every rule set', () => {
    const covered = new Set(RULESETS.flatMap((s) => CASES.map((c) => c.id.replace(/^V2-/, `V${s.version}-`))));
    // Raised only for a file refused before validation: see hostile.test.ts and refused-report.test.ts.
    const refusalOnly = new Set(['V2-FILE-FORMAT']);
    const missing = RULESETS.flatMap((s) => s.rules.map((r) => r.id)).filter((id) => !covered.has(id) && !refusalOnly.has(id));
    expect(missing).toEqual([]);
  });
});

describe('sheet layout', () => {
  it('says once that a sheet has no header row, rather than listing every column', () => {
    const problems = run(2, (fx) => (fx.addresses = { name: 'Addresses', headers: [], rows: [] })).problems;
    expect(problems).toMatchObject([{ rule: 'V2-FILE-COLUMN', sheet: 'Addresses', cell: null }]);
    expect(problems[0].message).toMatch(/no header row/);
  });

  it('refuses a header given twice, pointing at the second one', () => {
    const problems = run(2, (fx) => fx.lines.headers.push('line ref')).problems;
    expect(problems).toMatchObject([{ rule: 'V2-FILE-COLUMN', cell: 'Lines!Y1' }]);
  });
});
