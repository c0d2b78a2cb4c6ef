// A large return: 2,000 lines and 20,000 nominal rows read and checked in one
// pass, with cross-row rules still catching a clash at the far end.
import { describe, expect, it } from 'vitest';
import { validateBuffer } from '../../src/matrix/validate.js';
import { NOW, bigReturn, toXlsx } from './fixtures.js';

describe('a return of 2,000 lines and 20,000 nominal rows', () => {
  it('validates in one pass and finds a clash between the first and last lines', async () => {
    const fx = bigReturn(2000, 20_000);
    fx.lines.rows[1999]['Deal Numbers'] = fx.lines.rows[0]['Deal Numbers'];
    const started = performance.now();
    const result = await validateBuffer(await toXlsx(fx), { now: NOW });
    const seconds = (performance.now() - started) / 1000;
    expect(result.counts).toMatchObject({ lines: 2000, nominals: 20_000, errors: 1 });
    expect(result.problems).toMatchObject([{ rule: 'V2-LINE-NUMBER', cell: 'Lines!C2001' }]);
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});
