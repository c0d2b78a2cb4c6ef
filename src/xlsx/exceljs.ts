// exceljs and the ~670 modules it pulls in took longer to load than the rest of
// the service together (issue #12 §7, service start), yet only a few routes and
// commands write or read a workbook on this thread (uploads are parsed in a
// worker). So it is loaded when first needed; later calls find it loaded.
import type ExcelJS from 'exceljs';

export type ExcelJSModule = typeof ExcelJS;

export async function loadExcelJS(): Promise<ExcelJSModule> {
  return (await import('exceljs')).default;
}
