import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { enrichments, entityAliases, identities, mergeAlerts, mergeLines, mergePeople, mergeReview, merges, reviewDecisions } from '../../db/schema/index.js';
import type { Db, Tx } from '../db/client.js';
import { jsonColumnBatches } from '../db/json-batches.js';
import { packSources, unpackSources } from './stored-items.js';

export type MergeRow = typeof merges.$inferSelect;
export type DecisionRow = typeof reviewDecisions.$inferSelect;
export type EnrichmentRow = typeof enrichments.$inferSelect;

const itemTables = { people: mergePeople, lines: mergeLines, alerts: mergeAlerts, review: mergeReview } as const;
export type MergeItemKind = keyof typeof itemTables;
/** Kinds stored with their provenance rows pooled (stored-items.ts). */
const pooled = new Set<MergeItemKind>(['people', 'lines']);

/**
 * A merge's texts go in 2 MB batches: on the national bench merge its save took
 * 7.9-8.9 s on PGlite, holding the event loop for at most 0.9 s, against 9.9 s
 * and 1.7 s in 8 MB batches (PostgreSQL: 3.0-4.2 s either way).
 */
const MERGE_BATCH_CHARS = 2_000_000;
/**
 * An upsert into identities costs far more per character than an item (a
 * unique index to check and maintain): 2 MB held PGlite, and with it the
 * event loop, for 0.27 s a statement; 0.5 MB for 0.13-0.35 s while the merge
 * worker encoded the items beside it; 0.2 MB for at most 0.16 s, the save
 * taking no longer (national bench merge).
 */
const ID_BATCH_CHARS = 200_000;

/** `key → entity_id` pairs as batches of column texts for `saveIdentities` / `saveAliases` (json-batches.ts). */
export const encodeIdEntries = (entries: [string, string][]): string[][] => [
  ...jsonColumnBatches(entries.map(([k, entityId]) => [JSON.stringify(k), JSON.stringify(entityId)]), ID_BATCH_CHARS),
];

/** Upserts `key → entity_id` pairs of one kind into identities or entity_aliases, a batch per statement. */
async function upsertIdMap(
  tx: Tx,
  { table, key }: { table: typeof identities | typeof entityAliases; key: 'record_key' | 'retired_id' },
  kind: 'person' | 'line',
  batches: Iterable<string[]>,
): Promise<void> {
  const column = sql.identifier(key);
  for (const [keys, ids] of batches) {
    await tx.execute(sql`insert into ${table} (kind, ${column}, entity_id)
      select ${kind}, k::json #>> '{}', id::json #>> '{}' from unnest(string_to_array(${keys}, chr(30)), string_to_array(${ids}, chr(30))) v(k, id)
      on conflict (kind, ${column}) do update set entity_id = excluded.entity_id`);
  }
}

/** Each item as JSON texts of its id and data, encoded only as its batch is asked for. */
function* encoded(items: Iterable<{ id: string; data: unknown }>, encode: (data: unknown) => string) {
  for (const it of items) yield [JSON.stringify(it.id), encode(it.data)];
}

/** A batch of a merge's items of one kind, as the column texts `insertMerge` stores: a few long strings, cheap to hand between threads. */
export type ItemBatch = [MergeItemKind, string[]];

/** A merge's items as batches, kind after kind, each encoded only as it is asked for. */
export function* encodeItems(items: Record<MergeItemKind, Iterable<{ id: string; data: unknown }>>): Generator<ItemBatch> {
  for (const kind of Object.keys(itemTables) as MergeItemKind[]) {
    const encode = pooled.has(kind) ? (d: unknown) => JSON.stringify(packSources(d as object)) : (d: unknown) => JSON.stringify(d);
    for (const batch of jsonColumnBatches(encoded(items[kind], encode), MERGE_BATCH_CHARS)) yield [kind, batch];
  }
}

export function createMergesRepository({ db }: { db: Db }) {
  return {
    /** The merge and its items, stored as the batches come (the merge worker's arrive while it encodes the rest). */
    async insertMerge(row: typeof merges.$inferInsert, items: Iterable<ItemBatch> | AsyncIterable<ItemBatch>, tx: Tx): Promise<void> {
      await tx.insert(merges).values(row);
      for await (const [kind, [ids, data]] of items) {
        await tx.execute(sql`insert into ${itemTables[kind]} (merge_id, item_id, data)
          select ${row.id}::uuid, id::json #>> '{}', data::json from unnest(string_to_array(${ids}, chr(30)), string_to_array(${data}, chr(30))) v(id, data)`);
      }
    },
    async findMerge({ id }: { id: string }): Promise<MergeRow | undefined> {
      const [row] = await db.select().from(merges).where(eq(merges.id, id));
      return row;
    },
    async listMerges({ scope }: { scope: string }): Promise<MergeRow[]> {
      return db.select().from(merges).where(eq(merges.scope, scope)).orderBy(desc(merges.createdAt)).limit(500);
    },
    async latestMerge({ scope, month }: { scope: string; month?: string }): Promise<MergeRow | undefined> {
      const where = month ? and(eq(merges.scope, scope), eq(merges.month, month)) : eq(merges.scope, scope);
      const [row] = await db.select().from(merges).where(where).orderBy(desc(merges.createdAt)).limit(1);
      return row;
    },
    /** A merge's items in id order, byte by byte: the same on every database whatever its collation. */
    async items<T>({ mergeId, kind }: { mergeId: string; kind: MergeItemKind }): Promise<T[]> {
      const t = itemTables[kind];
      const rows = await db.select({ data: t.data }).from(t).where(eq(t.mergeId, mergeId)).orderBy(sql`${t.itemId} collate "C"`);
      return pooled.has(kind) ? rows.map((r) => unpackSources<T>(r.data)) : rows.map((r) => r.data as T);
    },
    /** A merge's items as stored, as JSON texts in id order, for a worker to parse (export-task.ts). */
    async itemTexts({ mergeId, kind }: { mergeId: string; kind: MergeItemKind }): Promise<string[]> {
      const t = itemTables[kind];
      const rows = await db.select({ data: sql<string>`${t.data}::text` }).from(t).where(eq(t.mergeId, mergeId)).orderBy(sql`${t.itemId} collate "C"`);
      return rows.map((r) => r.data);
    },
    async item<T>({ mergeId, kind, id }: { mergeId: string; kind: MergeItemKind; id: string }): Promise<T | undefined> {
      const t = itemTables[kind];
      const [row] = await db.select({ data: t.data }).from(t).where(and(eq(t.mergeId, mergeId), eq(t.itemId, id)));
      return row && (pooled.has(kind) ? unpackSources<T>(row.data) : (row.data as T));
    },
    async identities({ kind }: { kind: 'person' | 'line' }): Promise<Map<string, string>> {
      const rows = await db.select().from(identities).where(eq(identities.kind, kind));
      return new Map(rows.map((r) => [r.recordKey, r.entityId]));
    },
    /** How many of `keys` some merge has given an id (one indexed look-up, not the whole table). */
    async countKnownRecords({ kind, keys }: { kind: 'person' | 'line'; keys: string[] }): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(identities)
        .where(and(eq(identities.kind, kind), inArray(identities.recordKey, keys)));
      return row?.n ?? 0;
    },
    /** Each record's id as this merge resolved it (an id retired by a join is replaced by the surviving one). */
    saveIdentities: ({ kind, batches }: { kind: 'person' | 'line'; batches: Iterable<string[]> }, tx: Tx) =>
      upsertIdMap(tx, { table: identities, key: 'record_key' }, kind, batches),
    /** Retired id → the id of the entity it joined. */
    async aliases({ kind }: { kind: 'person' | 'line' }): Promise<Map<string, string>> {
      const rows = await db.select().from(entityAliases).where(eq(entityAliases.kind, kind));
      return new Map(rows.map((r) => [r.retiredId, r.entityId]));
    },
    /** The id that `id` was retired into, if it was. */
    async aliasOf({ kind, id }: { kind: 'person' | 'line'; id: string }): Promise<string | undefined> {
      const [row] = await db
        .select({ entityId: entityAliases.entityId })
        .from(entityAliases)
        .where(and(eq(entityAliases.kind, kind), eq(entityAliases.retiredId, id)));
      return row?.entityId;
    },
    saveAliases: ({ kind, batches }: { kind: 'person' | 'line'; batches: Iterable<string[]> }, tx: Tx) =>
      upsertIdMap(tx, { table: entityAliases, key: 'retired_id' }, kind, batches),
    async insertDecision(row: typeof reviewDecisions.$inferInsert): Promise<DecisionRow> {
      const [saved] = await db.insert(reviewDecisions).values(row).returning();
      return saved;
    },
    /** Every decision in force: the latest row per pair, across all scopes (a decision binds every later merge). */
    async decisions(): Promise<DecisionRow[]> {
      const rows = await db.select().from(reviewDecisions).orderBy(asc(reviewDecisions.id));
      const latest = new Map<string, DecisionRow>();
      for (const r of rows) latest.set(`${r.kind}:${r.aKey}||${r.bKey}`, r);
      return [...latest.values()];
    },
    async decisionHistory({ kind, aKey, bKey }: { kind: 'person' | 'line'; aKey: string; bKey: string }): Promise<DecisionRow[]> {
      return db
        .select()
        .from(reviewDecisions)
        .where(and(eq(reviewDecisions.kind, kind), eq(reviewDecisions.aKey, aKey), eq(reviewDecisions.bKey, bKey)))
        .orderBy(asc(reviewDecisions.id));
    },
    /**
     * Changes whenever decisions, enrichments or stored ids change (a merge): part of the key
     * derived results are cached under, so a query never shows ids a merge has since replaced.
     */
    async version(): Promise<string> {
      const [d] = await db.select({ n: sql<number>`coalesce(max(${reviewDecisions.id}), 0)`.mapWith(Number) }).from(reviewDecisions);
      const [e] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(enrichments);
      const [m] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(merges);
      return `${d?.n ?? 0}.${e?.n ?? 0}.${m?.n ?? 0}`;
    },
    async insertEnrichment(row: typeof enrichments.$inferInsert): Promise<EnrichmentRow> {
      const [saved] = await db.insert(enrichments).values(row).returning();
      return saved;
    },
    async enrichments({ scopes }: { scopes: string[] }): Promise<EnrichmentRow[]> {
      return db.select().from(enrichments).where(inArray(enrichments.scope, scopes)).orderBy(asc(enrichments.createdAt), asc(enrichments.id));
    },
  };
}

export type MergesRepository = ReturnType<typeof createMergesRepository>;
