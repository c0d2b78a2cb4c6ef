// Formula injection (CWE-1236): a text cell starting with one of these is run
// as a formula by spreadsheet programs. OWASP's advice is to prefix a quote.
const DANGEROUS_START = /^[=+\-@\t\r]/;

/** Text made safe to write into a cell: dangerous leading characters are escaped with `'`. */
export function neutraliseFormula(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

/** Any cell value made safe: strings are neutralised, numbers, dates and booleans pass. */
export function safeCellValue<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
