import ExcelJS from 'exceljs';

// Formula injection (CWE-1236): what a spreadsheet program would run. Mirrors
// src/xlsx/safe-cell.ts on purpose, so a change there is checked from outside.
const DANGEROUS_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-][\d ().,]*\d[\d ().,]*$/;
const dangerous = (text: string) => DANGEROUS_START.test(text) && !SIGNED_NUMBER.test(text);

export interface UnsafeCell {
  at: string;
  why: 'formula' | 'text' | 'note';
  value: string;
}

const textOf = (v: ExcelJS.CellValue): string | null => {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (v && typeof v === 'object' && 'hyperlink' in v && typeof v.text === 'string') return v.text;
  return null;
};

/** Every cell of every sheet a spreadsheet program would treat as a formula, or text that would turn into one. */
export async function unsafeCells(buffer: Buffer | Uint8Array): Promise<UnsafeCell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const found: UnsafeCell[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const at = `${ws.name}!${cell.address}`;
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula) found.push({ at, why: 'formula', value: String(cell.formula) });
        const text = textOf(cell.value);
        if (text !== null && dangerous(text)) found.push({ at, why: 'text', value: text });
        const note = typeof cell.note === 'string' ? cell.note : cell.note?.texts?.map((t) => t.text).join('');
        if (note && dangerous(note)) found.push({ at, why: 'note', value: note });
      });
    });
  }
  return found;
}

/** All text in a workbook, for checking that user values came back (neutralised, not lost). */
export async function allText(buffer: Buffer | Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => row.eachCell((cell) => void (textOf(cell.value) !== null && out.push(textOf(cell.value)!))));
  }
  return out;
}
