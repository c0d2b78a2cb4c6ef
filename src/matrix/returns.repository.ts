import { and, asc, desc, eq, inArray, isNotNull, max, sql, type SQL } from 'drizzle-orm';
import { returnAddresses, returnAssociations, returnLines, returnNominals, returns, users } from '../../db/schema/index.js';
import type { Db, Tx } from '../db/client.js';
import { jsonColumnBatches } from '../db/json-batches.js';
import type { ParsedReturn, ReturnMeta } from './model.js';

export type ReturnRow = typeof returns.$inferSelect;
export type ReturnSummaryRow = Omit<ReturnRow, 'original' | 'problems'>;


const summaryColumns = {
  id: returns.id,
  force: returns.force,
  month: returns.month,
  status: returns.status,
  version: returns.version,
  guidanceVersion: returns.guidanceVersion,
  nilReturn: returns.nilReturn,
  meta: returns.meta,
  filename: returns.filename,
  sha256: returns.sha256,
  counts: returns.counts,
  uploadedBy: returns.uploadedBy,
  uploadedAt: returns.uploadedAt,
};

type RowTable = typeof returnLines;

/**
 * A return's rows of one sheet, as few statements as json-batches.ts allows:
 * columns of texts (row number, ref as JSON, the row's JSON), so PostgreSQL
 * parses each row's JSON once, where a JSON array of the rows was parsed
 * whole and then each element again for its `row` and ref (about 15% of the
 * save on PGlite, 30% on PostgreSQL, for 20,000 rows).
 */
async function insertRows<T extends { row: number }>(tx: Tx, table: RowTable, returnId: string, rows: T[], refField: keyof T & string) {
  const texts = function* () {
    for (const r of rows) yield [String(r.row), JSON.stringify(r[refField] ?? null), JSON.stringify(r)];
  };
  for (const [numbers, refs, data] of jsonColumnBatches(texts())) {
    await tx.execute(sql`insert into ${table} (return_id, row, ref, data)
      select ${returnId}::uuid, n::int, r::json #>> '{}', d::json
      from unnest(string_to_array(${numbers}, chr(30)), string_to_array(${refs}, chr(30)), string_to_array(${data}, chr(30))) v(n, r, d)`);
  }
}

export function createReturnsRepository({ db }: { db: Db }) {
  /**
   * Returns' tables as JSON text, one array per table and return: a row per
   * stored row made each driver decode tens of thousands of jsonb values one
   * by one, and the workers parse the text themselves. One return after
   * another, its tables a statement each: on PGlite a statement holds the
   * event loop while it builds megabytes of JSON, and other requests get in
   * only between statements.
   */
  async function loadParsedTextsMany({ ids }: { ids: string[] }): Promise<Map<string, StoredReturnTexts>> {
    const out = new Map<string, StoredReturnTexts>();
    for (const id of ids) {
      const load = async (table: RowTable) => {
        const [row] = await db
          .select({ json: sql<string>`coalesce(json_agg(${table.data} order by ${table.row}), '[]')::text` })
          .from(table)
          .where(eq(table.returnId, id));
        return row?.json ?? '[]';
      };
      const [lines, nominals, addresses, associations] = await Promise.all([load(returnLines), load(returnNominals), load(returnAddresses), load(returnAssociations)]);
      out.set(id, { lines, nominals, addresses, associations });
    }
    return out;
  }

  return {
    loadParsedTextsMany,
    /** Serialises writers of one force and month (PostgreSQL advisory lock; PGlite is single-writer anyway). */
    async lockForceMonth({ force, month }: { force: string; month: string }, tx: Tx) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`returns:${force}:${month}`}))`);
    },
    async nextVersion({ force, month }: { force: string; month: string }, tx: Tx): Promise<number> {
      const [row] = await tx
        .select({ v: max(returns.version) })
        .from(returns)
        .where(and(eq(returns.force, force), eq(returns.month, month)));
      return (row?.v ?? 0) + 1;
    },
    async insertReturn(row: typeof returns.$inferInsert, tx: Tx = db): Promise<void> {
      await tx.insert(returns).values(row);
    },
    async insertParsedRows({ returnId, parsed }: { returnId: string; parsed: ParsedReturn }, tx: Tx): Promise<void> {
      await insertRows(tx, returnLines, returnId, parsed.lines, 'ref');
      await insertRows(tx, returnNominals, returnId, parsed.nominals, 'ref');
      await insertRows(tx, returnAddresses, returnId, parsed.addresses, 'lineRef');
      await insertRows(tx, returnAssociations, returnId, parsed.associations, 'fromRef');
    },
    async findReturn({ id }: { id: string }): Promise<ReturnRow | undefined> {
      const [row] = await db.select().from(returns).where(eq(returns.id, id));
      return row;
    },
    /** A return without its file and report, which a summary never shows (the file is most of a row). */
    async findSummary({ id }: { id: string }): Promise<ReturnSummaryRow | undefined> {
      const [row] = await db.select(summaryColumns).from(returns).where(eq(returns.id, id));
      return row;
    },
    /** With the uploader's name: the history says who sent each file (issue #9). */
    async listReturns({ forces, force, month }: { forces: string[]; force?: string; month?: string }): Promise<(ReturnSummaryRow & { uploadedByName: string | null })[]> {
      const where: SQL[] = [inArray(returns.force, forces)];
      if (force) where.push(eq(returns.force, force));
      if (month) where.push(eq(returns.month, month));
      return db
        .select({ ...summaryColumns, uploadedByName: users.name })
        .from(returns)
        .leftJoin(users, eq(users.id, returns.uploadedBy))
        .where(and(...where))
        .orderBy(asc(returns.force), desc(returns.month), desc(returns.uploadedAt))
        .limit(5000);
    },
    /** The current (latest accepted) return of each force for the months. */
    async currentReturns({ forces, months }: { forces: string[]; months: string[] }): Promise<ReturnSummaryRow[]> {
      if (!forces.length || !months.length) return [];
      return db
        .selectDistinctOn([returns.force, returns.month], summaryColumns)
        .from(returns)
        .where(and(inArray(returns.force, forces), inArray(returns.month, months), eq(returns.status, 'ACCEPTED'), isNotNull(returns.version)))
        .orderBy(asc(returns.force), asc(returns.month), desc(returns.version));
    },
    /** Forces with at least one rejected attempt for the month. */
    async rejectedForces({ forces, month }: { forces: string[]; month: string }): Promise<string[]> {
      const rows = await db
        .selectDistinct({ force: returns.force })
        .from(returns)
        .where(and(inArray(returns.force, forces), eq(returns.month, month), eq(returns.status, 'REJECTED')));
      return rows.map((r) => r.force);
    },
    /**
     * The deal numbers and PNC IDs on lines these returns report under
     * ACTIVE_INVESTIGATION, with the force of each: all that deconfliction
     * across regional borders reads of another region's returns.
     */
    async activeIdentifiers({ returnIds }: { returnIds: string[] }): Promise<{ dealNumbers: [string, string[]][]; pncIds: [string, string][] }> {
      if (!returnIds.length) return { dealNumbers: [], pncIds: [] };
      const active = sql`${returnLines.data}->>'investigation' = 'ACTIVE_INVESTIGATION'`;
      const [lines, people] = await Promise.all([
        db
          .select({ json: sql<string>`coalesce(json_agg(json_build_array(${returns.force}, ${returnLines.data}->'dealNumbers')), '[]')::text` })
          .from(returnLines)
          .innerJoin(returns, eq(returns.id, returnLines.returnId))
          .where(and(inArray(returnLines.returnId, returnIds), active)),
        db
          .select({ json: sql<string>`coalesce(json_agg(json_build_array(${returns.force}, ${returnNominals.data}->>'pncId')), '[]')::text` })
          .from(returnNominals)
          .innerJoin(returns, eq(returns.id, returnNominals.returnId))
          .innerJoin(returnLines, and(eq(returnLines.returnId, returnNominals.returnId), eq(returnLines.ref, sql`${returnNominals.data}->>'lineRef'`)))
          .where(and(inArray(returnNominals.returnId, returnIds), active, sql`${returnNominals.data}->>'pncId' is not null`)),
      ]);
      return { dealNumbers: JSON.parse(lines[0]?.json ?? '[]'), pncIds: JSON.parse(people[0]?.json ?? '[]') };
    },
    /** Rebuilds the normalised return from its stored rows, in spreadsheet order. */
    async loadParsed({ id, meta }: { id: string; meta: ReturnMeta }): Promise<ParsedReturn> {
      return { meta, ...parseStoredTables((await loadParsedTextsMany({ ids: [id] })).get(id)!) };
    },
    /** The last time any return changed: the key under which derived results (merges, rankings) are cached. */
    async dataVersion(): Promise<string> {
      const [row] = await db.select({ at: max(returns.uploadedAt), n: sql<number>`count(*)`.mapWith(Number) }).from(returns);
      return `${row?.at?.toISOString() ?? '-'}#${row?.n ?? 0}`;
    },
  };
}

export type ReturnsRepository = ReturnType<typeof createReturnsRepository>;

/** A stored return's tables as JSON text, one array per table. */
export interface StoredReturnTexts {
  lines: string;
  nominals: string;
  addresses: string;
  associations: string;
}

/** A stored return's tables parsed: a return's meta comes from its own row. */
export const parseStoredTables = (t: StoredReturnTexts): Omit<ParsedReturn, 'meta'> => ({
  lines: JSON.parse(t.lines) as ParsedReturn['lines'],
  nominals: JSON.parse(t.nominals) as ParsedReturn['nominals'],
  addresses: JSON.parse(t.addresses) as ParsedReturn['addresses'],
  associations: JSON.parse(t.associations) as ParsedReturn['associations'],
});
