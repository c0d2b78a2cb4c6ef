import type { Rng } from './random.js';

// Identifiers with the shapes the guidance requires: PNC IDs with the §8 check
// letter, UK mobiles that libphonenumber accepts as mobiles, full postcodes,
// and each force's own style of Line Ref and Nominal Ref (2–32 of A–Z 0–9 -).

const PNC_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY';

/** §8: `YY` + serial padded to 7 digits, as one integer, mod 23, indexes the letters. */
export function pncCheckLetter(yy: string, serial: number): string {
  return PNC_LETTERS[Number(`${yy}${String(serial).padStart(7, '0')}`) % 23];
}

/** Normalised PNC ID (model.ts): serial without leading zeros, upper-case check letter. */
export function makePnc(rng: Rng, year: number): string {
  const yy = String(year % 100).padStart(2, '0');
  const serial = rng.chance(0.3) ? rng.int(1, 99_999) : rng.int(100_000, 9_999_999);
  return `${yy}/${serial}${pncCheckLetter(yy, serial)}`;
}

/** The same PNC ID with a wrong check letter (a keying slip the service only warns about). */
export function spoilPnc(rng: Rng, pnc: string): string {
  const good = pnc[pnc.length - 1];
  const other = PNC_LETTERS.replace(good, '');
  return pnc.slice(0, -1) + other[rng.int(0, other.length - 1)];
}

/** `98/1234L` → `98/0001234L` (§1: PNC IDs compare after dropping leading zeros of the serial). */
export function padPnc(pnc: string): string {
  const [yy, rest] = pnc.split('/');
  return `${yy}/${rest.slice(0, -1).padStart(7, '0')}${rest.slice(-1)}`;
}

/** Issues UK mobiles in E.164, each at most once per world. 07700 and 07911 ranges are avoided: libphonenumber rejects parts of them. */
export function createPhoneBook(rng: Rng) {
  const used = new Set<number>();
  return (): string => {
    for (;;) {
      const block = rng.int(100, 899);
      if ((block >= 600 && block < 700) || block === 700 || block === 911) continue;
      const n = block * 1_000_000 + rng.int(0, 999_999);
      if (!used.has(n)) {
        used.add(n);
        return `+447${n}`;
      }
    }
  };
}

/** Ways analysts type a mobile; every one is accepted by V2-LINE-NUMBER / V2-NOM-PHONE. */
export function formatPhone(rng: Rng, e164: string): string {
  const n = e164.slice(3);
  return rng.pick([
    `0${n.slice(0, 4)} ${n.slice(4)}`,
    `+44 ${n.slice(0, 4)} ${n.slice(4)}`,
    `44${n}`,
    `0${n}`,
    e164,
    `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
  ]);
}

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function makePostcode(rng: Rng, district: string): string {
  const l = () => POSTCODE_LETTERS[rng.int(0, POSTCODE_LETTERS.length - 1)];
  return `${district} ${rng.int(1, 9)}${l()}${l()}`;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

const LINE_STYLES: ((f: string, n: number) => string)[] = [
  (f, n) => `${f}-L${pad(n, 4)}`,
  (_, n) => `L${n}`,
  (f, n) => `${f}CL${pad(n, 3)}`,
  (_, n) => String(2000 + n),
  (_, n) => `CL-${pad(n, 5)}`,
];

const NOMINAL_STYLES: ((f: string, n: number) => string)[] = [
  (f, n) => `${f}-N${pad(n, 4)}`,
  (_, n) => `N${n}`,
  (f, n) => `${f}${pad(n, 5)}`,
  (_, n) => String(100_000 + n),
  (_, n) => `NOM-${n}`,
  (f, n) => `${f}-${n}`,
];

/** A force's reference book: refs in the force's own style, never reused for another subject. */
export function createRefBook(rng: Rng, force: string) {
  const lineStyle = rng.pick(LINE_STYLES);
  const nominalStyle = rng.pick(NOMINAL_STYLES);
  let nextLine = rng.int(1, 400);
  let nextNominal = rng.int(1, 3000);
  return {
    line: () => lineStyle(force, (nextLine += rng.int(1, 3))),
    nominal: () => nominalStyle(force, (nextNominal += rng.int(1, 4))),
  };
}
