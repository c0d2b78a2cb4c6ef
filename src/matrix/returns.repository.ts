import { and, asc, desc, eq, inArray, isNotNull, max, sql, type SQL } from 'drizzle-orm';
import { returnSheets, returns, SHEETS, users } from '../../db/schema/index.js';
import { selectRows, type Db, type Tx } from '../db/client.js';
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

export function createReturnsRepository({ db }: { db: Db }) {
  /**
   * Returns' sheets as JSON text, one array per sheet as stored, one return
   * at a time as it is read: the workers parse the text themselves, each
   * return as it comes. On PGlite a statement holds the event loop, and other
   * requests get in only between statements.
   */
  async function* eachParsedTexts(ids: string[]): AsyncGenerator<[string, StoredReturnTexts]> {
    for (const id of ids) {
      const rows = await db
        .select({ sheet: returnSheets.sheet, json: sql<string>`${returnSheets.data}::text` })
        .from(returnSheets)
        .where(eq(returnSheets.returnId, id));
      // Every return has its four sheets; an empty list stands in should one be missing.
      const texts = Object.fromEntries(SHEETS.map((sheet) => [sheet, '[]'])) as StoredReturnTexts;
      for (const { sheet, json } of rows) texts[sheet] = json;
      yield [id, texts];
    }
  }

  async function loadParsedTextsMany({ ids }: { ids: string[] }): Promise<Map<string, StoredReturnTexts>> {
    const out = new Map<string, StoredReturnTexts>();
    for await (const [id, texts] of eachParsedTexts(ids)) out.set(id, texts);
    return out;
  }

  return {
    eachParsedTexts,
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
    /** The return's four sheets, each one JSON array of its rows (db/schema/returns.ts). */
    async insertParsedRows({ returnId, parsed }: { returnId: string; parsed: ParsedReturn }, tx: Tx): Promise<void> {
      const values = SHEETS.map((sheet) => sql`(${returnId}::uuid, ${sheet}, ${JSON.stringify(parsed[sheet])}::json)`);
      await tx.execute(sql`insert into ${returnSheets} (return_id, sheet, data) values ${sql.join(values, sql`, `)}`);
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
      const ids = sql`s.return_id in ${returnIds}`;
      // Per return, its lines under ACTIVE_INVESTIGATION, then the PNC IDs of the people on them.
      const [row] = await selectRows<{ lines: string; people: string }>(db, sql`
        with active as (
          select s.return_id, r.force, l as line
          from ${returnSheets} s join ${returns} r on r.id = s.return_id cross join lateral json_array_elements(s.data) l
          where ${ids} and s.sheet = 'lines' and l->>'investigation' = 'ACTIVE_INVESTIGATION'
        )
        select
          (select coalesce(json_agg(json_build_array(a.force, a.line->'dealNumbers')), '[]')::text from active a) as lines,
          (select coalesce(json_agg(json_build_array(a.force, n->>'pncId')), '[]')::text
             from ${returnSheets} s cross join lateral json_array_elements(s.data) n
             join active a on a.return_id = s.return_id and a.line->>'ref' = n->>'lineRef'
             where ${ids} and s.sheet = 'nominals' and n->>'pncId' is not null) as people`);
      return { dealNumbers: JSON.parse(row.lines), pncIds: JSON.parse(row.people) };
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

/** A stored return's sheets as JSON text, one array per sheet. */
export type StoredReturnTexts = Record<(typeof SHEETS)[number], string>;

/** A stored return's tables parsed: a return's meta comes from its own row. */
export const parseStoredTables = (t: StoredReturnTexts): Omit<ParsedReturn, 'meta'> => ({
  lines: JSON.parse(t.lines) as ParsedReturn['lines'],
  nominals: JSON.parse(t.nominals) as ParsedReturn['nominals'],
  addresses: JSON.parse(t.addresses) as ParsedReturn['addresses'],
  associations: JSON.parse(t.associations) as ParsedReturn['associations'],
});
