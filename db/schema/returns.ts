import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Every upload, accepted or rejected, with its report and the file as sent (kept for audit). */
export const returns = pgTable(
  'returns',
  {
    id: uuid('id').primaryKey(),
    force: text('force').notNull(),
    /** Null only for a rejected attempt whose Reporting Month could not be read. */
    month: text('month'),
    status: text('status', { enum: ['ACCEPTED', 'REJECTED'] }).notNull(),
    /** 1, 2, … per force and month for accepted returns; null for rejected attempts. */
    version: integer('version'),
    guidanceVersion: integer('guidance_version'),
    nilReturn: boolean('nil_return'),
    /** The Return sheet as read (prepared by, contact), for accepted returns. */
    meta: jsonb('meta'),
    filename: text('filename').notNull(),
    sha256: text('sha256').notNull(),
    counts: jsonb('counts').notNull(),
    problems: jsonb('problems').notNull(),
    original: bytea('original').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('returns_version_uq').on(t.force, t.month, t.version).where(sql`${t.version} is not null`),
    index('returns_month_idx').on(t.month, t.force),
  ],
);

/** The four data sheets of an accepted return, as stored (`return_sheets.sheet`). */
export const SHEETS = ['lines', 'nominals', 'addresses', 'associations'] as const;

/**
 * An accepted return's sheet as one JSON array of its rows, in spreadsheet
 * order: a sheet is always stored and read back whole (merges, windows), so a
 * table row per spreadsheet row only cost a sequence, two index entries and a
 * JSON parse each (storing a 20,000-row return took 0.3-0.5 s, now 0.15 s),
 * and reading it back a json_agg. json, not jsonb: never queried inside but
 * by deconfliction across regions (returns.repository.ts).
 */
export const returnSheets = pgTable(
  'return_sheets',
  {
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id),
    sheet: text('sheet', { enum: SHEETS }).notNull(),
    data: json('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.returnId, t.sheet] })],
);
