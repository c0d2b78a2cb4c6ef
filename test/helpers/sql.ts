import { sql, type SQL } from 'drizzle-orm';
import { selectRows, type Database } from '../../src/db/client.js';

/** Raw query rows on either driver. */
export const queryRows = <T>(database: Database, query: SQL): Promise<T[]> => selectRows<T>(database.db, query);

export async function countRows(database: Database, table: string, where?: SQL): Promise<number> {
  const q = where ? sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}` : sql`select count(*)::int as n from ${sql.identifier(table)}`;
  const [row] = await queryRows<{ n: number }>(database, q);
  return Number(row.n);
}

/** Rows stored of one sheet of returns (return_sheets keeps a sheet as one JSON array). */
export async function countSheetRows(database: Database, sheet: string, where?: SQL): Promise<number> {
  const extra = where ? sql` and ${where}` : sql``;
  const [row] = await queryRows<{ n: number }>(database, sql`select coalesce(sum(json_array_length(data)), 0)::int as n from return_sheets where sheet = ${sheet}${extra}`);
  return Number(row.n);
}
