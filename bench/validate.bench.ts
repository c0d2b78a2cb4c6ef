import ExcelJS from 'exceljs';
import { readWorkbook } from '../src/matrix/read-workbook.js';
import { validateBuffer, validateWorkbook } from '../src/matrix/validate.js';
import { NOW, bigReturn, toXlsx } from '../test/matrix/fixtures.js';
import { peakRssMiB, type Benchmark } from './harness.js';

const LINES = 2000;
const NOMINALS = 20_000;
const RUNS = 5;

const best = async (fn: () => Promise<unknown>): Promise<number> => {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min / 1000;
};

/** Issue #3: validation alone (guarded read in a worker + every rule) beside the bare exceljs load of the same file, best of 5. */
export const validateBench: Benchmark = {
  name: 'validate',
  async run() {
    const buffer = await toXlsx(bigReturn(LINES, NOMINALS));
    const bare = await best(() => new ExcelJS.Workbook().xlsx.load(buffer as unknown as ArrayBuffer));
    const total = await best(() => validateBuffer(buffer, { now: NOW }));
    const raw = await readWorkbook(buffer);
    const rules = await best(async () => validateWorkbook(raw, { now: NOW }));
    const size = `${(buffer.length / 1e6).toFixed(1)} MB`;
    return [
      { bench: 'validate', case: `${LINES} lines + ${NOMINALS} nominals (${size})`, seconds: total, floorSeconds: bare, ratio: total / bare, peakRssMiB: peakRssMiB(), note: 'validateBuffer vs bare exceljs load' },
      { bench: 'validate', case: 'rules only (workbook already read)', seconds: rules, floorSeconds: bare, ratio: rules / bare, note: 'validateWorkbook' },
    ];
  },
};
