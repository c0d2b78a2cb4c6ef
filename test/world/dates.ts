import type { Rng } from './random.js';

// Months as integers (year * 12 + month - 1) so windows are plain arithmetic;
// dates as ISO `YYYY-MM-DD` strings, which sort and compare as text.

export const monthIndex = (month: string): number => {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + m - 1;
};

export const monthString = (idx: number): string => {
  const y = Math.floor(idx / 12);
  return `${y}-${String((idx % 12) + 1).padStart(2, '0')}`;
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export const daysInMonth = (idx: number): number => {
  const m = idx % 12;
  return m === 1 && leap(Math.floor(idx / 12)) ? 29 : DAYS[m];
};

// Each month's ISO days, built once: row generation asks for hundreds of thousands of dates.
const dayTables = new Map<number, string[]>();
function daysOf(idx: number): string[] {
  let t = dayTables.get(idx);
  if (!t) {
    const y = Math.floor(idx / 12);
    const m = (idx % 12) + 1;
    t = Array.from({ length: daysInMonth(idx) }, (_, d) => isoDate(y, m, d + 1));
    dayTables.set(idx, t);
  }
  return t;
}

export const isoDate = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export const monthEnd = (idx: number): string => daysOf(idx)[daysInMonth(idx) - 1];

/** A random day in the month. */
export function dayIn(rng: Rng, idx: number): string {
  const days = daysOf(idx);
  return days[Math.floor(rng.next() * days.length)];
}

/** Whole years between an ISO birth date and an ISO date. */
export function ageAt(dob: string, at: string): number {
  const by = Number(dob.slice(0, 4));
  const ay = Number(at.slice(0, 4));
  return ay - by - (at.slice(5) < dob.slice(5) ? 1 : 0);
}

/** A valid birth date giving age `age` at `at` (a random day in that year of life). */
export function dobForAge(rng: Rng, age: number, at: string): string {
  const atY = Number(at.slice(0, 4));
  for (;;) {
    const y = atY - age - rng.int(0, 1);
    const m = rng.int(1, 12);
    const d = rng.int(1, new Date(Date.UTC(y, m, 0)).getUTCDate());
    const dob = isoDate(y, m, d);
    if (ageAt(dob, at) === age) return dob;
  }
}

export const maxIso = (a: string, b: string) => (a > b ? a : b);
export const minIso = (a: string, b: string) => (a < b ? a : b);
