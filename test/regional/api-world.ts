import { sql } from 'drizzle-orm';
import type { ParsedReturn } from '../../src/matrix/model.js';
import { ok } from '../helpers/regional-returns.js';
import { queryRows } from '../helpers/sql.js';
import type { TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';
import { writeReturnWorkbook } from '../world/index.js';

// A generated world's returns uploaded through the API by each force's own
// analyst, and the stored state read back whole, for the tests that compare
// two services (determinism) or one service before and after reads.

type Login = Awaited<ReturnType<TestContext['login']>>;

/** Each return's workbook, written once (the same bytes go to every service under test). */
export async function workbooksOf(returns: ParsedReturn[]): Promise<{ force: string; month: string; buffer: Buffer }[]> {
  return Promise.all(returns.map(async (r) => ({ force: r.meta.force, month: r.meta.month, buffer: await writeReturnWorkbook(r, { messy: true, seed: 5 }) })));
}

/** Uploads the workbooks in the order given, each by an analyst of its force. */
export async function uploadAll(ctx: TestContext, workbooks: { force: string; month: string; buffer: Buffer }[]): Promise<void> {
  const analysts = new Map<string, Login>();
  for (const w of workbooks) {
    if (!analysts.has(w.force)) analysts.set(w.force, await ctx.login('FORCE_ANALYST', { force: w.force }));
    ok(await upload(ctx.app, analysts.get(w.force)!.headers, w.buffer), 201);
  }
}

/** Runs a merge through the API and returns its whole people list, every page of it as the API sends them, as one JSON array. */
export async function mergePeople(ctx: TestContext, who: Login, region: string, month: string): Promise<{ id: string; body: string }> {
  const merge = ok(await ctx.app.inject({ method: 'POST', url: `/api/v1/regions/${region}/merges`, headers: who.headers, payload: { month } }), 201);
  const people: unknown[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const url = `/api/v1/regions/${region}/merges/${merge.id}/people?limit=1000${cursor ? `&cursor=${cursor}` : ''}`;
    const res: { people: unknown[]; nextCursor: string | null } = ok(await ctx.app.inject({ method: 'GET', url, headers: who.headers }));
    people.push(...res.people);
    cursor = res.nextCursor;
  }
  return { id: merge.id, body: JSON.stringify(people) };
}

/** Every row of every table but the audit log, each table's rows sorted: the service's whole stored state. */
export async function storedState(ctx: TestContext, { except = ['audit_log'] }: { except?: string[] } = {}): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ table_name: string }>(
    ctx.database,
    sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const state: Record<string, string[]> = {};
  for (const { table_name: t } of tables) {
    if (except.includes(t)) continue;
    const rows = await queryRows<{ row: string }>(ctx.database, sql`select row_to_json(x)::text as row from ${sql.identifier(t)} x`);
    state[t] = rows.map((r) => r.row).sort();
  }
  return state;
}

/** The identities and aliases tables, without their timestamps: record → id and retired id → id. */
export async function idTables(ctx: TestContext): Promise<{ identities: string[]; aliases: string[] }> {
  const identities = await queryRows<{ k: string }>(ctx.database, sql`select kind || ' ' || record_key || ' ' || entity_id as k from identities`);
  const aliases = await queryRows<{ k: string }>(ctx.database, sql`select kind || ' ' || retired_id || ' ' || entity_id as k from entity_aliases`);
  return { identities: identities.map((r) => r.k).sort(), aliases: aliases.map((r) => r.k).sort() };
}
