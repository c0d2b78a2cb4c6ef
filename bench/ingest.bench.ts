import ExcelJS from 'exceljs';
import type { Line, Nominal, ParsedReturn } from '../src/matrix/model.js';
import { createRng } from '../test/world/random.js';
import { pncCheckLetter } from '../test/world/ids.js';
import { writeReturnWorkbook } from '../test/world/workbook.js';
import { benchDatabases, compiledService, bestAlternately, peakRssMiB, quietLog, type Benchmark, type BenchRow } from './harness.js';

const { loadConfig, createServices } = await compiledService();
const { validateBuffer } = (await import(new URL('../build/src/matrix/validate.js', import.meta.url).href)) as typeof import('../src/matrix/validate.js');

const LINES = 2000;
const NOMINAL_ROWS = 20_000;
const MONTH = '2026-10';
const NOW = new Date('2026-11-23T12:00:00Z');

/** A valid return of 2,000 lines and 20,000 nominal rows (people on 1–4 lines each), as a force could send it. */
function bigReturn(): ParsedReturn {
  const rng = createRng(42);
  const mobile = (i: number) => `+4477${String(10_000_000 + i).padStart(8, '0')}`;
  const lines: Line[] = Array.from({ length: LINES }, (_, i) => ({
    row: i + 2, ref: `LEI-L${i}`, name: `BRAND${i}`, dealNumbers: [mobile(i)], exportingForce: 'MET', exportingArea: 'Lambeth',
    importingAreas: [{ force: 'LEI', area: rng.pick(['Loughborough', 'Hinckley', 'Market Harborough', 'Coalville']) }],
    status: 'ACTIVE', investigation: rng.chance(0.3) ? 'ACTIVE_INVESTIGATION' : 'INTEL_ONLY', closedDate: null, firstSeen: '2025-06-01',
    lastActivity: '2026-10-20', drugTypes: ['HEROIN', 'CRACK'], childExploitation: 'YES', adultExploitation: 'UNKNOWN', cuckooing: 'NO',
    violence: 'NO', weapons: [], intelReports: 3, bestGrading: '2B', evidential: 'YES', handlingCode: 'P', handlingConditions: null,
    ocgUrn: null, notes: rng.chance(0.1) ? 'seen at the station' : null,
  }));
  const nominals: Nominal[] = [];
  let person = 0;
  while (nominals.length < NOMINAL_ROWS) {
    const onLines = Math.min(NOMINAL_ROWS - nominals.length, 1 + rng.int(0, 3));
    const first = rng.int(0, LINES - onLines);
    const year = 1975 + rng.int(0, 30);
    const serial = rng.int(1, 9_999_999);
    const yy = String(year % 100).padStart(2, '0');
    const pnc = rng.chance(0.5) ? `${yy}/${serial}${pncCheckLetter(yy, serial)}` : null;
    for (let k = 0; k < onLines; k++) {
      nominals.push({
        row: nominals.length + 2, ref: `LEI-N${person}`, lineRef: `LEI-L${first + k}`, role: k === 0 ? 'LINE_HOLDER' : 'RUNNER',
        surname: `SURNAME${person}`, forenames: 'ALEX', streetNames: [], dob: `${year}-0${1 + (person % 9)}-1${person % 10}`, gender: 'M',
        pncId: pnc, homeForce: 'MET', homePostcodeDistrict: 'SW9', vulnerabilities: [], exploited: 'NO', exploitedBy: [],
        safeguardingReferral: null, nrmReferral: null, policeContacts: rng.int(0, 5), arrested: null, phoneNumbers: [],
        bestGrading: null, handlingCode: 'P', handlingConditions: null,
      });
    }
    person++;
  }
  return {
    meta: { force: 'LEI', month: MONTH, guidanceVersion: 2, nilReturn: false, preparedBy: 'bench', contactEmail: null },
    lines, nominals, addresses: [], associations: [],
  };
}

const RUNS = 5;

/**
 * Issue #3: parse + validate + persist a large return, beside the bare exceljs
 * load of the same file. Like with like, both warm: a running service keeps a
 * parse worker started and warm, so one untimed submit (and one untimed load)
 * comes first; then the best of RUNS of each, taken alternately per database
 * so that load from elsewhere falls on both. Each timed submit stores a new
 * version of the same return.
 */
export const ingestBench: Benchmark = {
  name: 'ingest',
  async run() {
    const buffer = await writeReturnWorkbook(bigReturn(), { messy: false });
    const load = () => new ExcelJS.Workbook().xlsx.load(buffer as unknown as ArrayBuffer);
    await load();
    // The validation alone, as submit runs it: what is left of a submit is storing the return.
    const { subject: validation } = await bestAlternately(RUNS, load, () => validateBuffer(buffer, { now: NOW }));
    const rows: BenchRow[] = [];
    for await (const database of benchDatabases()) {
      const services = createServices({ config: loadConfig({}), database, now: () => NOW, log: quietLog });
      const user = await services.users.addUser({ name: 'bench-lei', role: 'FORCE_ANALYST', force: 'LEI' });
      const principal = { userId: user.id, name: user.name, role: 'FORCE_ANALYST' as const, force: 'LEI', region: null, credentialId: 'bench' };
      const submit = async () => {
        const outcome = await services.returns.submit(principal, { filename: 'big.xlsx', buffer });
        if (outcome.status !== 'ACCEPTED') {
          throw new Error(`bench return rejected: ${outcome.problems.filter((p) => p.severity === 'error').slice(0, 3).map((p) => p.message).join('; ')}`);
        }
      };
      await submit();
      const { floor, subject: ingest } = await bestAlternately(RUNS, load, submit);
      services.audit.stop();
      rows.push({
        bench: 'ingest', case: `${LINES} lines + ${NOMINAL_ROWS} nominals (${(buffer.length / 1e6).toFixed(1)} MB)`, database: database.kind,
        seconds: ingest.seconds, floorSeconds: floor.seconds, ratio: ingest.seconds / floor.seconds, peakRssMiB: peakRssMiB(),
        note: `parse+validate+persist vs bare exceljs load, both warm, best of ${RUNS}; this process's cpu ${ingest.cpuSeconds.toFixed(2)} s vs ${floor.cpuSeconds.toFixed(2)} s; of which validation ${validation.seconds.toFixed(2)} s`,
      });
    }
    return rows;
  },
};
