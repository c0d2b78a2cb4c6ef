import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.js';
import { DANGEROUS_START, neutraliseFormula } from './formula-text.js';

export { neutraliseFormula };

/** Any cell value made safe: strings are neutralised, numbers, dates and booleans pass. */
export function safeCellValue<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/**
 * Makes a workbook that came from outside safe to hand back: formulas become
 * their cached results (a formula the service did not write is never passed
 * on, whatever it calls), and every text, rich text, hyperlink label and note
 * is neutralised. Numbers, dates, booleans and error values are left alone.
 */
export async function neutraliseWorkbook(wb: ExcelJS.Workbook): Promise<void> {
  const { ValueType } = await loadExcelJS();
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        cell.value = safeValue(cell.type === ValueType.Formula ? formulaResult(cell.result) : cell.value);
        if (typeof cell.note === 'string') cell.note = neutraliseFormula(cell.note);
        else if (cell.note?.texts?.length) cell.note = neutraliseFormula(cell.note.texts.map((t) => t.text).join(''));
      });
    });
  }
}

function formulaResult(result: ExcelJS.CellValue | undefined): ExcelJS.CellValue {
  return result === undefined ? null : result;
}

function safeValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (typeof v === 'string') return neutraliseFormula(v);
  if (!v || typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) {
    const text = v.richText.map((r) => r.text).join('');
    if (!DANGEROUS_START.test(text)) return v;
    return { richText: [{ text: "'" }, ...v.richText] };
  }
  if ('hyperlink' in v) return { ...v, text: neutraliseFormula(String(v.text ?? '')) };
  if ('formula' in v || 'sharedFormula' in v) return formulaResult((v as ExcelJS.CellFormulaValue).result);
  return v;
}
