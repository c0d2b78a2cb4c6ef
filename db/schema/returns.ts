import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, index, integer, json, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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

const rowTable = (name: string) =>
  pgTable(
    name,
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      returnId: uuid('return_id')
        .notNull()
        .references(() => returns.id),
      row: integer('row').notNull(),
      ref: text('ref'),
      // json, not jsonb: a row is stored and read back whole, never queried inside.
      data: json('data').notNull(),
    },
    (t) => [index(`${name}_return_idx`).on(t.returnId)],
  );

export const returnLines = rowTable('return_lines');
export const returnNominals = rowTable('return_nominals');
export const returnAddresses = rowTable('return_addresses');
export const returnAssociations = rowTable('return_associations');
