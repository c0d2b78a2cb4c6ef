import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';
import { makePnc, pncCheckLetter, createPhoneBook, padPnc } from './ids.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

describe('createRng', () => {
  it('repeats its sequence for a seed and forks independent streams', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(createRng(42).fork('x').next()).not.toBe(createRng(42).fork('y').next());
    expect(createRng(42).fork('x').next()).toBe(createRng(42).fork('x').next());
  });

  it('keeps int, pick and sample within bounds', () => {
    const r = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    expect(new Set(r.sample([1, 2, 3, 4], 3)).size).toBe(3);
    expect(r.weighted([['only', 1], ['never', 0]] as const)).toBe('only');
  });
});

describe('identifiers', () => {
  it('computes the §8 PNC check letter (98/1234567L) and pads serials', () => {
    expect(pncCheckLetter('98', 1234567)).toBe('L');
    const r = createRng(1);
    for (let i = 0; i < 200; i++) {
      const pnc = makePnc(r, 2000 + (i % 26));
      const [yy, rest] = pnc.split('/');
      expect(rest.slice(-1)).toBe(pncCheckLetter(yy, Number(rest.slice(0, -1))));
      expect(padPnc(pnc)).toMatch(/^\d{2}\/\d{7}[A-Z]$/);
    }
  });

  it('issues unique UK mobiles that libphonenumber accepts', () => {
    const phone = createPhoneBook(createRng(3));
    const numbers = Array.from({ length: 2000 }, phone);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      const parsed = parsePhoneNumberFromString(n);
      expect(parsed?.isValid() && parsed.getType() === 'MOBILE').toBe(true);
    }
  });
});
