import { neutraliseFormula } from '../../../src/xlsx/formula-text';

// CSV for spreadsheet programs (RFC 4180): every field quoted, quotes doubled,
// and text a spreadsheet would run as a formula (CWE-1236) escaped with the
// same rule as the service's workbooks. A byte-order mark makes Excel read
// UTF-8 names as UTF-8.

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const field = (v: string | number | null) => (typeof v === 'number' ? String(v) : `"${neutraliseFormula(v ?? '').replace(/"/g, '""')}"`);
  return `\uFEFF${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Hands text to the browser as a file download. */
export function saveText(text: string, filename: string, type = 'text/csv;charset=utf-8') {
  saveBlob(new Blob([text], { type }), filename);
}

export function saveBlob(blob: Blob, filename: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
