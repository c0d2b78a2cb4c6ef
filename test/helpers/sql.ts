import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';

/** Raw query rows on either driver (postgres.js returns an array, PGlite `{ rows }`: STACK-NOTES). */
export async function queryRows<T>(database: Database, query: SQL): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export async function countRows(database: Database, table: string, where?: SQL): Promise<number> {
  const q = where ? sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}` : sql`select count(*)::int as n from ${sql.identifier(table)}`;
  const [row] = await queryRows<{ n: number }>(database, q);
  return Number(row.n);
}
