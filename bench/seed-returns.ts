import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/client.js';
import type { ParsedReturn } from '../src/matrix/model.js';
import { createReturnsRepository } from '../src/matrix/returns.repository.js';

/** Stores generated returns as accepted version 1 through the repository (skipping workbook parsing, which `ingest` measures). */
export async function seedReturns(database: Database, returns: ParsedReturn[]): Promise<void> {
  const repo = createReturnsRepository({ db: database.db });
  for (const parsed of returns) {
    const id = randomUUID();
    await database.db.transaction(async (tx) => {
      await repo.insertReturn(
        {
          id, force: parsed.meta.force, month: parsed.meta.month, status: 'ACCEPTED', version: 1, guidanceVersion: 2, nilReturn: parsed.meta.nilReturn,
          meta: parsed.meta, filename: 'generated.xlsx', sha256: '-', counts: { lines: parsed.lines.length, nominals: parsed.nominals.length },
          problems: [], original: Buffer.alloc(0),
        },
        tx,
      );
      await repo.insertParsedRows({ returnId: id, parsed }, tx);
    });
  }
}
