/** `A`, `B`, … `Z`, `AA` for a 0-based column. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 reference with its sheet, quoted when the name needs it: `Lines!D7`, `'My lines'!D7`. */
export function cellRef(sheet: string, row: number, col: number): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetter(col)}${row}`;
}

/** The parts of a reference made by cellRef. */
export function parseCellRef(ref: string): { sheet: string; address: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]+\d+)$/.exec(ref);
  return m ? { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3] } : null;
}
