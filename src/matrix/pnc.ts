// PNC IDs, MATRIX-V2 §5 and §8: `YY/NNNNNNNL`, serial of 1–7 digits, one check letter.
const CHECK_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY';
const FORMAT = /^(\d{2})\/(\d{1,7})([A-Z])$/;

export interface PncId {
  /** `YY/serial+letter`, serial without leading zeros, so `98/0001234X` and `98/1234X` compare equal (§1). */
  normalised: string;
  checkOk: boolean;
  expectedLetter: string;
}

export function parsePnc(text: string): PncId | null {
  const m = FORMAT.exec(text.trim().toUpperCase().replace(/\s+/g, ''));
  if (!m) return null;
  const [, year, serial, letter] = m;
  const expectedLetter = pncCheckLetter(year, serial);
  return { normalised: `${year}/${Number(serial)}${letter}`, checkOk: letter === expectedLetter, expectedLetter };
}

/** §8: year followed by the serial padded to 7 digits, as one integer, mod 23, indexing `ZABCDEFGHJKLMNPQRTUVWXY`. */
export function pncCheckLetter(year: string, serial: string): string {
  return CHECK_LETTERS[Number(`${year}${serial.padStart(7, '0')}`) % 23];
}
