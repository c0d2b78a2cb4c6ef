// MATRIX-V2 §9: a version-1 return is checked under the V1 rules, then the v2
// rules run too and their errors with no v1 counterpart come back as warnings.
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../src/matrix/validate.js';
import { NOW, dropColumn, setMeta, toRaw, validReturn } from './fixtures.js';

const V2_ONLY_LINE_COLUMNS = [
  'Exporting Area', 'Line Status', 'Investigation Status', 'First Seen', 'Last Activity', 'Child Exploitation',
  'Adult Exploitation', 'Cuckooing', 'Violence', 'Intel Reports', 'Evidential', 'Handling Code', 'Handling Conditions', 'Closed Date',
];

function v1Return() {
  const fx = validReturn();
  setMeta(fx, 'Guidance Version', 1);
  for (const h of V2_ONLY_LINE_COLUMNS) dropColumn(fx.lines, h);
  dropColumn(fx.nominals, 'Exploited');
  return fx;
}

describe('guidance version 1', () => {
  it('accepts a return with only the v1 columns, warning about each column v2 requires', () => {
    const result = validateWorkbook(toRaw(v1Return()), { now: NOW });
    expect(result.counts.errors).toBe(0);
    expect(result.guidanceVersion).toBe(1);
    const warned = result.problems.filter((p) => p.rule === 'V2-FILE-COLUMN').map((p) => p.column);
    expect(warned).toEqual(expect.arrayContaining(['Line Status', 'Investigation Status', 'Exploited']));
    expect(result.problems.every((p) => p.severity === 'warning' && p.message.startsWith('Under guidance version 2 this is an error'))).toBe(true);
  });

  it('fills what v1 may leave out with documented defaults', () => {
    const { parsed } = validateWorkbook(toRaw(v1Return()), { now: NOW });
    expect(parsed!.meta.guidanceVersion).toBe(1);
    expect(parsed!.lines[0]).toMatchObject({ exportingArea: '', status: null, handlingCode: 'P', evidential: null });
    expect(parsed!.nominals[0].exploited).toBe('UNKNOWN');
  });

  it('reports v2 errors without a v1 counterpart as warnings under their V2 id, and the rest once under V1', () => {
    const fx = validReturn();
    setMeta(fx, 'Guidance Version', 1);
    fx.lines.rows[0]['Importing Areas'] = 'NTH:Corby';
    fx.lines.rows[0]['Line Status'] = 'OPEN';
    const result = validateWorkbook(toRaw(fx), { now: NOW });
    expect(result.problems.map((p) => [p.rule, p.severity])).toEqual([
      ['V2-LINE-TOUCHES', 'warning'],
      ['V1-LINE-STATUS', 'error'],
    ]);
  });
});
