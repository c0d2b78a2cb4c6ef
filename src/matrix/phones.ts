// UK mobile numbers (MATRIX-V2 §4 Deal Numbers, §5 Phone Numbers) to E.164,
// the join key every later stage uses (STYLE §10). Accepted forms: `07…`,
// `+44 7…`, `+44 (0)7…`, `447…`, `0044 7…`, with spaces, dashes, dots or brackets.
// Any 07 + 9 digits is accepted: the service cannot tell a live range from a
// retired one, and refusing a real deal line would lose intelligence.

const SEPARATORS = /[\s\-().\/]/g;

export function toE164Mobile(input: string): string | null {
  let s = input.trim().replace(/\(0\)/g, '').replace(SEPARATORS, '');
  if (s.startsWith('+44')) s = s.slice(3);
  else if (s.startsWith('0044')) s = s.slice(4);
  else if (s.startsWith('44') && s.length === 12) s = s.slice(2);
  else if (s.startsWith('0')) s = s.slice(1);
  else return null;
  return /^7\d{9}$/.test(s) ? `+44${s}` : null;
}

/** A number cell holding a mobile whose leading 0 the spreadsheet dropped (7712345678). */
export function lostLeadingZero(n: number): boolean {
  return Number.isInteger(n) && n >= 7_000_000_000 && n <= 7_999_999_999;
}
