import ExcelJS from 'exceljs';
import { readWorkbook } from '../src/matrix/read-workbook.js';
import { validateBuffer, validateWorkbook } from '../src/matrix/validate.js';
import { NOW, bigReturn, toXlsx } from '../test/matrix/fixtures.js';
import { bestAlternately, bestOf, peakRssMiB, type Benchmark } from './harness.js';

const LINES = 2000;
const NOMINALS = 20_000;
const RUNS = 5;

const cpuNote = (cpu: number, floorCpu: number) => `cpu ${cpu.toFixed(2)} s vs ${floorCpu.toFixed(2)} s (${(cpu / floorCpu).toFixed(2)}×)`;

/** Issue #3: validation alone (guarded read in a worker + every rule) beside the bare exceljs load of the same file, best of 5 taken alternately, both warm. */
export const validateBench: Benchmark = {
  name: 'validate',
  async run() {
    const buffer = await toXlsx(bigReturn(LINES, NOMINALS));
    const load = () => new ExcelJS.Workbook().xlsx.load(buffer as unknown as ArrayBuffer);
    await load();
    await validateBuffer(buffer, { now: NOW });
    const { floor: bare, subject: total } = await bestAlternately(RUNS, load, () => validateBuffer(buffer, { now: NOW }));
    const raw = await readWorkbook(buffer);
    const rules = await bestOf(RUNS, async () => validateWorkbook(raw, { now: NOW }));
    const size = `${(buffer.length / 1e6).toFixed(1)} MB`;
    return [
      {
        bench: 'validate', case: `${LINES} lines + ${NOMINALS} nominals (${size})`, seconds: total.seconds, floorSeconds: bare.seconds,
        ratio: total.seconds / bare.seconds, peakRssMiB: peakRssMiB(), note: `validateBuffer vs bare exceljs load; ${cpuNote(total.cpuSeconds, bare.cpuSeconds)}`,
      },
      { bench: 'validate', case: 'rules only (workbook already read)', seconds: rules.seconds, floorSeconds: bare.seconds, ratio: rules.seconds / bare.seconds, note: 'validateWorkbook' },
    ];
  },
};
