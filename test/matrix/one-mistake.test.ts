// One mistake gives one message, on the cell to fix, saying what was probably
// meant: no echo of a broken reference on every row naming it, no warning on
// top of an error, no guessing games over a misspelt code.
import { describe, expect, it } from 'vitest';
import { suggestCode } from '../../src/matrix/codes.js';
import { validateWorkbook } from '../../src/matrix/validate.js';
import { NOW, toRaw, validReturn, type Fixture } from './fixtures.js';

function problemsOf(tweak: (fx: Fixture) => void) {
  const fx = validReturn();
  tweak(fx);
  return validateWorkbook(toRaw(fx), { now: NOW }).problems.map((p) => ({ rule: p.rule, severity: p.severity, cell: p.cell, message: p.message }));
}

describe('one mistake, one message', () => {
  it('reports a Line Ref that breaks V2-LINE-REF once, not again on every row that names it', () => {
    const problems = problemsOf((fx) => {
      fx.lines.rows[0]['Line Ref'] = 'LEI L001';
      for (const row of [...fx.nominals.rows, ...fx.addresses!.rows]) if (row['Line Ref'] === 'LEI-L001') row['Line Ref'] = 'lei l001';
    });
    expect(problems).toMatchObject([{ rule: 'V2-LINE-REF', cell: 'Lines!A2' }]);
  });

  it('still reports a broken Line Ref on a row when no line is spelt that way', () => {
    const problems = problemsOf((fx) => (fx.nominals.rows[2]['Line Ref'] = 'LEI L009'));
    expect(problems).toMatchObject([{ rule: 'V2-NOM-LINE', cell: 'Nominals!B4' }]);
  });

  it('reports a broken Nominal Ref once, not again where addresses, associations and Exploited By name it', () => {
    const problems = problemsOf((fx) => {
      fx.nominals.rows[0]['Nominal Ref'] = 'LEI N001';
      fx.nominals.rows[1]['Nominal Ref'] = 'LEI N001';
      fx.nominals.rows[2]['Exploited By'] = 'LEI N001';
      for (const row of fx.associations!.rows) row['From Nominal Ref'] = 'LEI N001';
    });
    expect(problems.map((p) => [p.rule, p.cell])).toEqual([
      ['V2-NOM-REF', 'Nominals!A2'],
      ['V2-NOM-REF', 'Nominals!A3'],
    ]);
  });

  it('gives Y in Safeguarding Referral one error, suggesting YES, and no warning besides', () => {
    const problems = problemsOf((fx) => (fx.nominals.rows[2]['Safeguarding Referral'] = 'Y'));
    expect(problems).toEqual([
      { rule: 'V2-NOM-CODE', severity: 'error', cell: 'Nominals!O4', message: 'Safeguarding Referral "Y" is not in the list — did you mean YES?' },
    ]);
  });

  it('says what a misspelt code probably meant', () => {
    const problems = problemsOf((fx) => {
      fx.nominals.rows[0]['Role'] = 'CONTROLER';
      fx.lines.rows[0]['Drug Types'] = 'HERION; CRACK';
      fx.lines.rows[1]['Line Status'] = 'CLOSD';
    });
    expect(problems.map((p) => p.message)).toEqual([
      'Drug type "HERION" is not in the list — did you mean HEROIN?',
      'Line Status "CLOSD" is not in the list — did you mean CLOSED?',
      'Role "CONTROLER" is not in the list — did you mean CONTROLLER?',
    ]);
  });

  it('lists the codes when nothing is close enough to guess', () => {
    expect(suggestCode('role', 'BOSS')).toBeUndefined();
    expect(suggestCode('yesNo', 'MAYBE')).toBeUndefined();
    // "S" starts both STREET_DEALER and SUPPLIER.
    expect(suggestCode('role', 'S')).toBeUndefined();
    expect(suggestCode('role', 'line holder')).toBe('LINE_HOLDER');
    const [problem] = problemsOf((fx) => (fx.nominals.rows[2]['Role'] = 'BOSS'));
    expect(problem.message).toBe(
      'Role "BOSS" is not one of CONTROLLER, LINE_HOLDER, RUNNER, STREET_DEALER, SUPPLIER, ENFORCER, RECRUITER, CUCKOOED_OCCUPANT, ASSOCIATE, UNKNOWN',
    );
  });

  it('refuses dates written with dots or dashes (V2-CELL-DATE), showing the accepted spelling', () => {
    const problems = problemsOf((fx) => {
      fx.nominals.rows[0]['DOB'] = '12.03.1990';
      fx.nominals.rows[2]['DOB'] = '12-03-2007';
    });
    expect(problems.map((p) => [p.rule, p.cell, p.message])).toEqual([
      ['V2-CELL-DATE', 'Nominals!G2', 'DOB "12.03.1990" is not a date in a form the guidance accepts; write it 12/03/1990, or use a date cell or YYYY-MM-DD'],
      ['V2-CELL-DATE', 'Nominals!G4', 'DOB "12-03-2007" is not a date in a form the guidance accepts; write it 12/03/2007, or use a date cell or YYYY-MM-DD'],
    ]);
  });
});
