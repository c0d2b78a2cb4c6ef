// Validation speed against the bare exceljs load of the same file (brief: within ~2×).
//   npx tsx bench/matrix.ts [lines] [nominalRows]
import ExcelJS from 'exceljs';
import { readWorkbook } from '../src/matrix/read-workbook.js';
import { validateBuffer, validateWorkbook } from '../src/matrix/validate.js';
import { NOW, bigReturn, toXlsx } from '../test/matrix/fixtures.js';

const [lines = 2000, nominals = 20000] = process.argv.slice(2).map(Number);
const buffer = await toXlsx(bigReturn(lines, nominals));
const min = (xs: number[]) => Math.min(...xs);
const time = async (fn: () => Promise<unknown> | unknown) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const bare: number[] = [];
const read: number[] = [];
const rules: number[] = [];
const total: number[] = [];
for (let i = 0; i < 5; i++) {
  bare.push(await time(() => new ExcelJS.Workbook().xlsx.load(buffer as unknown as ArrayBuffer)));
  total.push(await time(() => validateBuffer(buffer, { now: NOW })));
  const raw = await readWorkbook(buffer);
  read.push(await time(() => readWorkbook(buffer)));
  rules.push(await time(() => validateWorkbook(raw, { now: NOW })));
}
const ms = (x: number) => `${Math.round(x)} ms`;
console.log(`${lines} lines, ${nominals} nominal rows, ${(buffer.length / 1024 / 1024).toFixed(1)} MB`);
console.log(`bare exceljs load   ${ms(min(bare))}`);
console.log(`readWorkbook        ${ms(min(read))} (guard + worker + exceljs + transfer)`);
console.log(`validateWorkbook    ${ms(min(rules))}`);
console.log(`validateBuffer      ${ms(min(total))}  = ${(min(total) / min(bare)).toFixed(2)}× bare load (best of 5)`);
