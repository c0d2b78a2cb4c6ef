// Formula injection (CWE-1236): a text cell starting with one of these is run
// as a formula by spreadsheet programs. OWASP's advice is to prefix a quote.
// No imports, so the console can neutralise the CSV it writes in the browser
// with the same rule as the service's workbooks.
export const DANGEROUS_START = /^[=+\-@\t\r]/;
// A sign followed only by digits (a deal number in E.164, a negative count)
// can call nothing, so it is written as it is: an analyst reads +447700900001,
// not '+447700900001.
const SIGNED_NUMBER = /^[+-][\d ().,]*\d[\d ().,]*$/;

/** Text made safe to write into a cell: dangerous leading characters are escaped with `'`. */
export function neutraliseFormula(value: string): string {
  return DANGEROUS_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value;
}
