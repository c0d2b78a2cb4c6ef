import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import * as schema from '../../db/schema/index.js';
import { PROJECT_ROOT } from '../paths.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { takingTurns } from './pglite-turns.js';

/** One drizzle type for both drivers: repositories never know which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle, or the database itself where no transaction is open. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`: STACK-NOTES). */
export async function selectRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Bulk load through PostgreSQL's COPY (used as the floor in benchmarks). */
  copyRows(table: string, columns: string[], rows: string[][]): Promise<void>;
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'db/migrations');
const BYTEA_OID = 17;

export interface OpenOptions {
  url?: string;
  /** PGlite data folder; `memory://` for a throwaway database. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests clone a migrated template). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url) : openPglite(opts.dataDir ?? './data', opts.loadDataDir);
}

/** A read on the raw driver, for the few statements that run outside drizzle's query builder. */
type RawQuery = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * Whether drizzle's migrator would find nothing to apply. It applies every
 * journal entry newer than the newest `created_at` it recorded, and runs DDL, a
 * read and a transaction to find that out on every start; this is the same
 * test in one cheap read once the database is current (issue #12 §7).
 */
async function migrationsCurrent(query: RawQuery): Promise<boolean> {
  const [table] = await query(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!table?.present) return false;
  const [last] = await query('select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1');
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return last !== undefined && journal.entries.every((e) => Number(last.created_at) >= e.when);
}

function csv(rows: string[][]): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

async function openPostgres(url: string): Promise<Database> {
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 30,
    // A connection dropped by a restarting server is retried by the next query.
    connection: { application_name: 'clim' },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async copyRows(table, columns, rows) {
      const cols = columns.map((c) => `"${c}"`).join(',');
      const stream = await client.unsafe(`COPY "${table}" (${cols}) FROM STDIN WITH (FORMAT csv)`).writable();
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(csv(rows));
      });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async migrate() {
      if (await migrationsCurrent((text) => client.unsafe(text))) return;
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_DIR });
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * PGlite's own bytea handlers convert byte by byte in JavaScript, ~0.2 s each
 * way for a 1 MB upload kept with its return; Buffer's hex codec is native. Same
 * text format, and a Buffer is a Uint8Array, so nothing else changes.
 */
const PGLITE_BYTEA = {
  serializers: {
    [BYTEA_OID]: (x: unknown) => {
      if (!(x instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
      return `\\x${Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')}`;
    },
  },
  parsers: { [BYTEA_OID]: (x: string) => Buffer.from(x.slice(2), 'hex') },
};

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireDataDirLock(dataDir);
  try {
    const client = new PGlite(dataDir, { ...PGLITE_BYTEA, ...(loadDataDir ? { loadDataDir } : {}) });
    await client.waitReady;
    // A new WAL segment is otherwise first written full of zeros, 8 kB at a time: in PGlite's
    // in-memory file system each step copies the growing file (a sixth of a large merge's save).
    await client.exec('SET wal_init_zero = off');
    const db = drizzlePglite({ client: takingTurns(client), schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      async copyRows(table, columns, rows) {
        const cols = columns.map((c) => `"${c}"`).join(',');
        await client.query(`COPY "${table}" (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([csv(rows)]),
        });
      },
      async ping() {
        await db.execute(sql`select 1`);
      },
      async migrate() {
        if (await migrationsCurrent(async (text) => (await client.query<Record<string, unknown>>(text)).rows)) return;
        await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
      },
      async close() {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
