// Dates as MATRIX-V2 §1 allows them: real spreadsheet dates, `YYYY-MM-DD`,
// `DD/MM/YYYY` (UK order, never MM/DD) and, in date columns, Excel serial
// numbers (what a date becomes when its cell loses the date format). All
// values are handled as ISO `YYYY-MM-DD` strings, which sort chronologically.

const DAY_MS = 86_400_000;
/** Serial 1 = 1900-01-01; Excel counts a 29 Feb 1900 that never was (serial 60), so later serials count from 1899-12-30. */
const EXCEL_EPOCH_AFTER_BUG = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_BEFORE_BUG = Date.UTC(1899, 11, 31);
const MAX_SERIAL = 2_958_465; // 9999-12-31

export function isoFromParts(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * §1: `YYYY-MM-DD` or `DD/MM/YYYY` (a one-digit day or month is read too); anything
 * else, `12.03.1990` and `12-03-1990` included, is not a date.
 */
export function parseDateText(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return isoFromParts(+iso[1], +iso[2], +iso[3]);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (uk) return isoFromParts(+uk[3], +uk[2], +uk[1]);
  return null;
}

/** For a date written day-month-year with another separator (`12.03.1990`), the same date as DD/MM/YYYY. */
export function ukDateSpelling(text: string): string | null {
  const m = /^(\d{1,2})[.\-\s](\d{1,2})[.\-\s](\d{4})$/.exec(text.trim());
  return m && isoFromParts(+m[3], +m[2], +m[1]) ? `${m[1].padStart(2, '0')}/${m[2].padStart(2, '0')}/${m[3]}` : null;
}

export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL || serial === 60) return null;
  const whole = Math.floor(serial);
  const epoch = whole > 60 ? EXCEL_EPOCH_AFTER_BUG : EXCEL_EPOCH_BEFORE_BUG;
  return new Date(epoch + whole * DAY_MS).toISOString().slice(0, 10);
}

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS);
}

/** Whole years between a date of birth and a later date (ISO `MM-DD` compares as text: a birthday not yet reached counts one year less). */
export function ageAt(dobIso: string, atIso: string): number {
  const years = Number(atIso.slice(0, 4)) - Number(dobIso.slice(0, 4));
  return atIso.slice(5) < dobIso.slice(5) ? years - 1 : years;
}

/** The service's current month, `YYYY-MM`, on UK time: a return for April can be sent from midnight on 1 April in London. */
export function currentMonth(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}
