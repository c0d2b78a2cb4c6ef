import { bigserial, index, json, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A stored merge of a region's (or the nation's) current accepted returns for a month. */
export const merges = pgTable(
  'merges',
  {
    id: uuid('id').primaryKey(),
    scope: text('scope').notNull(),
    month: text('month').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Which return (id, version) of each force went in, missing and nil forces, stats. */
    summary: jsonb('summary').notNull(),
  },
  (t) => [index('merges_scope_idx').on(t.scope, t.month)],
);

const mergeItems = (name: string) =>
  pgTable(
    name,
    {
      mergeId: uuid('merge_id')
        .notNull()
        .references(() => merges.id),
      itemId: text('item_id').notNull(),
      // json, not jsonb: an item is stored and read back whole, never queried
      // inside, so the binary form's parse on every write bought nothing (a
      // national merge writes ~140 MB of it).
      data: json('data').notNull(),
    },
    (t) => [primaryKey({ columns: [t.mergeId, t.itemId] })],
  );

export const mergePeople = mergeItems('merge_people');
export const mergeLines = mergeItems('merge_lines');
export const mergeAlerts = mergeItems('merge_alerts');
export const mergeReview = mergeItems('merge_review');

/** A record (`FORCE|REF`) keeps the entity id it was first given, so ids are stable across months. */
export const identities = pgTable(
  'identities',
  {
    kind: text('kind', { enum: ['person', 'line'] }).notNull(),
    recordKey: text('record_key').notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.recordKey] })],
);

/**
 * An entity id retired when its entity joined another (a later merge found
 * them to be one person or line): links, bookmarks and ROCU enrichments that
 * name the old id follow it to the surviving one.
 */
export const entityAliases = pgTable(
  'entity_aliases',
  {
    kind: text('kind', { enum: ['person', 'line'] }).notNull(),
    retiredId: text('retired_id').notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.retiredId] })],
);

/** Analysts' review decisions; a reversal is a later row, so the history stays. */
export const reviewDecisions = pgTable(
  'review_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    scope: text('scope').notNull(),
    kind: text('kind', { enum: ['person', 'line'] }).notNull(),
    aKey: text('a_key').notNull(),
    bKey: text('b_key').notNull(),
    decision: text('decision', { enum: ['same', 'different', 'undecided'] }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_decisions_pair_idx').on(t.aKey, t.bKey)],
);

/** The ROCU's own contributions: never written into the forces' data. */
export const enrichments = pgTable(
  'enrichments',
  {
    id: uuid('id').primaryKey(),
    scope: text('scope').notNull(),
    kind: text('kind', { enum: ['note', 'ocg', 'association'] }).notNull(),
    personId: text('person_id'),
    lineId: text('line_id'),
    targetPersonId: text('target_person_id'),
    relationship: text('relationship'),
    text: text('text'),
    ocgUrn: text('ocg_urn'),
    author: uuid('author'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enrichments_scope_idx').on(t.scope)],
);
