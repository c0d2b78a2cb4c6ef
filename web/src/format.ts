// Times and months as analysts in England and Wales write them.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** `07/12/2026 14:05`, in UK local time. */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return dateTime.format(d).replace(',', '');
}

/** `2026-12` → `December 2026`. */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return 'unknown month';
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return monthName.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/**
 * The last day a month's return is due. The guidance sets no deadline; the
 * console takes the end of the following month, for force and ROCU screens
 * alike (docs/console.md, docs/console-rocu.md).
 */
export function returnDueBy(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m + 1, 0));
}

/** A due date as `31/12/2026`. */
export const formatDay = (d: Date): string => d.toLocaleDateString('en-GB', { timeZone: 'UTC' });

/** The month as YYYY-MM in UK local time, `offset` months from `now`. */
export function monthOf(now: Date, offset = 0): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const y = Number(parts.find((p) => p.type === 'year')?.value);
  const m = Number(parts.find((p) => p.type === 'month')?.value) - 1 + offset;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last `count` months, newest first, ending with the current one. */
export function recentMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthOf(now, -i));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `1 address`, `2 addresses`: `plural` only where adding an s is wrong. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A role code as analysts say it: LINE_HOLDER → line holder. */
export const roleWords = (role: string) => role.replace(/_/g, ' ').toLowerCase();
