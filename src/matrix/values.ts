// Cell parsers: each turns one non-blank cell into a normalised value, or says
// in an analyst's words why it cannot. Which rule reports the failure is the
// column's business (columns.ts); unreadable dates always go to CELL-DATE (§1).
import { CODES, matchCode, suggestCode, type Code, type CodeList } from './codes.js';
import { excelSerialToIso, parseDateText, ukDateSpelling } from './dates.js';
import { lostLeadingZero, toE164Mobile } from './phones.js';
import { parsePnc, type PncId } from './pnc.js';
import type { RawCell } from './raw-workbook.js';
import { findForce } from '../reference/forces.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; rule?: 'CELL-DATE' };
/** `noun` names the value in messages, e.g. "Deal number". */
export type Parser<T> = (cell: RawCell, noun: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** What the analyst sees in the cell: numbers as their digits (`42`, not `42.0`), dates as ISO. */
export function cellText(cell: RawCell): string {
  if (cell.type === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  return cell.value === null ? '' : String(cell.value);
}

export const isBlankCell = (cell: RawCell | null | undefined): boolean =>
  !cell || (cell.kind !== 'formula-no-result' && cell.type !== 'error' && cellText(cell).trim() === '');

/** §1: lists are separated by `;`, `,` or a line break. */
export const splitList = (text: string): string[] =>
  text
    .split(/[;,\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const collapse = (s: string) => s.trim().replace(/\s+/g, ' ');

export const text =
  (max = 255): Parser<string> =>
  (cell, noun) => {
    const s = collapse(cellText(cell));
    return s.length > max ? bad(`${noun} is ${s.length} characters long; at most ${max} are allowed`) : ok(s);
  };

/** Free text with no rule of its own (OCG URN): never fails. */
export const anyText: Parser<string> = (cell) => ok(collapse(cellText(cell)));

export const textList: Parser<string[]> = (cell) => ok(unique(splitList(cellText(cell)).map(collapse)));

/** Notes keep their line breaks; only the ends are trimmed. */
export const longText =
  (max: number): Parser<string> =>
  (cell, noun) => {
    const s = cellText(cell).trim();
    return s.length > max ? bad(`${noun} is ${s.length} characters long; at most ${max.toLocaleString('en-GB')} are allowed`) : ok(s);
  };

const REF = /^[A-Z0-9-]{2,32}$/;
/** A reference as §1 allows it, once upper-cased: 2–32 of A–Z, 0–9 and -. */
export const isRef = (s: string) => REF.test(s);
const refText = (cell: RawCell) => cellText(cell).trim().toUpperCase();

/** §1: refs compare ignoring case and are stored upper case; a number cell reads as its digits. */
export const ref: Parser<string> = (cell, noun) => {
  const r = refText(cell);
  return REF.test(r) ? ok(r) : bad(`${noun} "${cellText(cell)}" must be 2–32 letters, digits or hyphens`);
};

export const refList: Parser<string[]> = (cell, noun) => {
  const refs = splitList(refText(cell));
  const wrong = refs.filter((r) => !REF.test(r));
  return wrong.length ? bad(`${noun} ${quoteAll(wrong)} must each be 2–32 letters, digits or hyphens`) : ok(unique(refs));
};

const codeText = (cell: RawCell) => (cell.type === 'boolean' ? (cell.value ? 'YES' : 'NO') : cellText(cell));

export const code =
  <L extends CodeList>(list: L): Parser<Code<L>> =>
  (cell, noun) => {
    const c = matchCode(list, codeText(cell));
    if (c) return ok(c);
    const meant = suggestCode(list, codeText(cell));
    return bad(
      meant
        ? `${noun} "${cellText(cell)}" is not in the list — did you mean ${meant}?`
        : `${noun} "${cellText(cell)}" is not one of ${CODES[list].join(', ')}`,
    );
  };

export const codes =
  <L extends CodeList>(list: L, explain: Record<string, string> = {}): Parser<Code<L>[]> =>
  (cell, noun) => {
    const items = splitList(cellText(cell));
    const wrong = items.filter((i) => !matchCode(list, i));
    if (!wrong.length) return ok(unique(items.map((i) => matchCode(list, i)!)));
    const why = wrong.map((w) => explain[w.toUpperCase()]).find(Boolean);
    if (why) return bad(why);
    const meant = wrong.map((w) => [w, suggestCode(list, w)] as const);
    if (meant.every(([, m]) => m)) return bad(meant.map(([w, m]) => `${noun} "${w}" is not in the list — did you mean ${m}?`).join('; '));
    return bad(`${noun} ${quoteAll(wrong)} ${wrong.length > 1 ? 'are' : 'is'} not in the list ${CODES[list].join(', ')}`);
  };

export const date: Parser<string> = (cell, noun) => {
  const iso = cell.type === 'date' ? (cell.value as string) : cell.type === 'number' ? excelSerialToIso(cell.value as number) : parseDateText(cellText(cell));
  if (iso) return ok(iso);
  const spelt = ukDateSpelling(cellText(cell));
  const hint = spelt ? `write it ${spelt}, or use a date cell or YYYY-MM-DD` : 'use a date cell, YYYY-MM-DD or DD/MM/YYYY';
  return { ok: false, rule: 'CELL-DATE', message: `${noun} "${cellText(cell)}" is not a date in a form the guidance accepts; ${hint}` };
};

export const wholeNumber: Parser<number> = (cell, noun) => {
  const n = cell.type === 'number' ? (cell.value as number) : /^\s*\d+\s*$/.test(cellText(cell)) ? Number(cellText(cell)) : NaN;
  return Number.isInteger(n) && n >= 0 ? ok(n) : bad(`${noun} "${cellText(cell)}" must be a whole number, 0 or more`);
};

export const phones: Parser<string[]> = (cell, noun) => {
  if (cell.type === 'number' && lostLeadingZero(cell.value as number)) {
    return bad(
      `${noun} ${cellText(cell)} has lost its leading 0 because the cell is formatted as a number; format the column as Text and type the number as 07…`,
    );
  }
  const items = splitList(cellText(cell));
  const wrong = items.filter((i) => !toE164Mobile(i));
  if (wrong.length) return bad(`${noun} ${wrong.join(', ')} ${wrong.length > 1 ? 'are not UK mobile numbers' : 'is not a UK mobile number'}`);
  return ok(unique(items.map((i) => toE164Mobile(i)!)));
};

export const force: Parser<string> = (cell, noun) => {
  const f = findForce(cellText(cell));
  return f ? ok(f.code) : bad(`${noun} "${cellText(cell)}" is not a force code or force name (see the guidance, §8)`);
};

export interface ImportingArea {
  force: string;
  area: string;
}

export const importingAreas: Parser<ImportingArea[]> = (cell, noun) => {
  const out: ImportingArea[] = [];
  const wrong: string[] = [];
  for (const item of splitList(cellText(cell))) {
    const m = /^([^:]+):(.+)$/.exec(item);
    const f = m ? findForce(m[1]) : undefined;
    if (f && m && collapse(m[2])) out.push({ force: f.code, area: collapse(m[2]) });
    else wrong.push(item);
  }
  return wrong.length
    ? bad(`${noun} ${quoteAll(wrong)} must be written FORCE:Area with a force code, e.g. LEI:Market Harborough`)
    : ok(out);
};

export const grading: Parser<string> = (cell, noun) => {
  const g = cellText(cell).toUpperCase().replace(/\s+/g, '');
  if (/^[1-3][A-D]$/.test(g)) return ok(g);
  if (/^[1-3]E$/.test(g)) return bad(`${noun} "${g}" is assessed E (suspected false); a report suspected false supports nothing, so it cannot be the best grading`);
  return bad(`${noun} "${cellText(cell)}" must be a source grade 1–3 followed by an intelligence grade A–D, e.g. 2B`);
};

export const pnc: Parser<PncId> = (cell, noun) => {
  const p = parsePnc(cellText(cell));
  return p ? ok(p) : bad(`${noun} "${cellText(cell)}" must look like YY/NNNNNNNL: two-digit year, slash, up to 7 digits and a check letter`);
};

export const postcodeDistrict: Parser<string> = (cell, noun) => {
  const s = cellText(cell).trim().toUpperCase();
  return /^[A-Z]{1,2}\d[A-Z\d]?$/.test(s) ? ok(s) : bad(`${noun} "${cellText(cell)}" must be the first half of a postcode, e.g. LE1, B12 or NW10`);
};

export const postcode: Parser<string> = (cell, noun) => {
  const m = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/.exec(cellText(cell).trim().toUpperCase());
  return m ? ok(`${m[1]} ${m[2]}`) : bad(`${noun} "${cellText(cell)}" is not a full UK postcode, e.g. LE1 5AB`);
};

export const email: Parser<string> = (cell, noun) => {
  const s = cellText(cell).trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? ok(s) : bad(`${noun} "${s}" is not an e-mail address`);
};

/** §3: `YYYY-MM`, `MM/YYYY`, or a date (its month is taken). */
export const month: Parser<string> = (cell, noun) => {
  const s = cellText(cell).trim();
  const ym = /^(\d{4})-(\d{1,2})$/.exec(s) ?? (/^(\d{1,2})\/(\d{4})$/.exec(s) && [s, s.split('/')[1], s.split('/')[0]]);
  if (ym && +ym[2] >= 1 && +ym[2] <= 12) return ok(`${ym[1]}-${ym[2].padStart(2, '0')}`);
  const d = date(cell, noun);
  return d.ok ? ok(d.value.slice(0, 7)) : bad(`${noun} "${s}" must be a month written YYYY-MM, e.g. 2024-03`);
};

/** §3 and §9: the version number, written `2`, `2.0`, `v2` or `Version 2`. */
export const version: Parser<number> = (cell, noun) => {
  const m = /^(?:v(?:ersion)?\s*)?(\d+)(?:\.0)?$/i.exec(cellText(cell).trim());
  return m ? ok(Number(m[1])) : bad(`${noun} "${cellText(cell)}" must be a version number such as 2`);
};

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const quoteAll = (xs: string[]) => xs.map((x) => `"${x}"`).join(', ');
