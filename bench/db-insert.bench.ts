import { randomUUID } from 'node:crypto';
import { SHEETS } from '../db/schema/index.js';
import type { Database } from '../src/db/client.js';
import { createReturnsRepository } from '../src/matrix/returns.repository.js';
import type { Nominal, ParsedReturn } from '../src/matrix/model.js';
import { benchDatabases, peakRssMiB, timed, type Benchmark, type BenchRow } from './harness.js';

const ROWS = 100_000;

function nominal(i: number): Nominal {
  return {
    row: i + 2, ref: `N${i}`, lineRef: `L${i % 5000}`, role: 'RUNNER', surname: `SURNAME${i}`, forenames: 'JOHN', streetNames: [],
    dob: '2007-05-01', gender: 'M', pncId: null, homeForce: null, homePostcodeDistrict: 'LE1', vulnerabilities: [], exploited: 'YES',
    exploitedBy: [], safeguardingReferral: 'YES', nrmReferral: null, policeContacts: i % 7, arrested: null, phoneNumbers: [],
    bestGrading: null, handlingCode: 'P', handlingConditions: null,
  };
}

async function newReturn(database: Database): Promise<string> {
  const id = randomUUID();
  await createReturnsRepository({ db: database.db }).insertReturn({
    id, force: 'LEI', month: '2026-01', status: 'REJECTED', filename: 'bench.xlsx', sha256: '-', counts: {}, problems: [], original: Buffer.alloc(0),
  });
  return id;
}

/** Issue #2: storing a return of 100,000 rows through the repository layer, against PostgreSQL's own COPY of the same sheets (the floor). */
export const dbInsertBench: Benchmark = {
  name: 'db-insert',
  async run() {
    const nominals = Array.from({ length: ROWS }, (_, i) => nominal(i));
    const parsed: ParsedReturn = {
      meta: { force: 'LEI', month: '2026-01', guidanceVersion: 2, nilReturn: false, preparedBy: 'bench', contactEmail: null },
      lines: [], nominals, addresses: [], associations: [],
    };
    const rows: BenchRow[] = [];
    for await (const database of benchDatabases()) {
      const repo = createReturnsRepository({ db: database.db });
      const viaCopy = await timed(async () => {
        const id = await newReturn(database);
        await database.copyRows('return_sheets', ['return_id', 'sheet', 'data'], SHEETS.map((sheet) => [id, sheet, JSON.stringify(parsed[sheet])]));
      });
      const viaRepo = await timed(async () => {
        const id = await newReturn(database);
        await database.db.transaction((tx) => repo.insertParsedRows({ returnId: id, parsed }, tx));
      });
      rows.push({
        bench: 'db-insert', case: `${ROWS} rows`, database: database.kind, seconds: viaRepo.seconds, floorSeconds: viaCopy.seconds,
        ratio: viaRepo.seconds / viaCopy.seconds, peakRssMiB: peakRssMiB(), note: 'repository insert vs COPY',
      });
    }
    return rows;
  },
};
