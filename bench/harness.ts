// Shared by every benchmark: wall time, peak RSS, and the databases to run on.
import { openDatabase, type Database } from '../src/db/client.js';
import postgres from 'postgres';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The service's logger, silenced: the benches time it, they do not read it. */
export const quietLog = { error: () => {}, warn: () => {}, info: () => {} };
/** The national analyst the benches act as. */
export const BENCH_NCLCC = { userId: '00000000-0000-0000-0000-000000000001', name: 'bench', role: 'NCLCC_ANALYST' as const, force: null, region: null, credentialId: 'bench' };

/** Runs a bench script in a Node process of its own; resolves to its stdout. */
export async function runNode(args: string[]): Promise<string> {
  return (await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 })).stdout;
}

export interface BenchRow {
  bench: string;
  case: string;
  database?: string;
  seconds?: number;
  floorSeconds?: number;
  ratio?: number;
  peakRssMiB?: number;
  note?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/**
 * The best wall time of `runs` runs, and the least CPU time of this process
 * (all threads: the parse worker's too) that one run took. CPU time varies far
 * less than wall time when other work shares the machine.
 */
export async function bestOf(runs: number, fn: () => Promise<unknown>): Promise<{ seconds: number; cpuSeconds: number }> {
  let seconds = Number.POSITIVE_INFINITY;
  let cpuSeconds = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    await fn();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
    const used = process.cpuUsage(cpu);
    cpuSeconds = Math.min(cpuSeconds, (used.user + used.system) / 1e6);
  }
  return { seconds, cpuSeconds };
}

/**
 * The best of `runs` of a floor and of the subject, taken alternately, so that load from
 * elsewhere (or the process's own drift: heap growth, JIT) falls on both alike.
 */
export async function bestAlternately(runs: number, floor: () => Promise<unknown>, subject: () => Promise<unknown>) {
  const best = { floor: { seconds: Infinity, cpuSeconds: Infinity }, subject: { seconds: Infinity, cpuSeconds: Infinity } };
  const keep = (a: typeof best.floor, b: typeof best.floor) => ({ seconds: Math.min(a.seconds, b.seconds), cpuSeconds: Math.min(a.cpuSeconds, b.cpuSeconds) });
  for (let i = 0; i < runs; i++) {
    best.floor = keep(best.floor, await bestOf(1, floor));
    best.subject = keep(best.subject, await bestOf(1, subject));
  }
  return best;
}

/**
 * The service's createServices and loadConfig as `npm start` runs them,
 * compiled (build/src, made at install): through tsx, whose transform names
 * every function it creates, a national merge takes about a fifth longer.
 */
export async function compiledService() {
  const from = (path: string) => new URL(`../build/src/${path}`, import.meta.url).href;
  const [{ loadConfig }, { createServices }] = await Promise.all([
    import(from('config.js')) as Promise<typeof import('../src/config.js')>,
    import(from('services.js')) as Promise<typeof import('../src/services.js')>,
  ]);
  return { loadConfig, createServices };
}

/** Peak resident set size of this process so far, in MiB. */
export const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

export const BENCH_PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Where a bench database is, for `benchDatabases`' `before` (seeding it in another process, say). */
export type DatabaseLocation = { dataDir: string } | { url: string };

/**
 * A fresh migrated database of each kind: PGlite in a temporary data folder,
 * and a scratch database on the local PostgreSQL when it answers; `before`
 * gets each location first, empty and not yet open here. A folder, as
 * `npm start` uses, not `memory://`: PGlite's in-memory file system copies a
 * growing file at each step, which made a national merge's save 1.6 s slower
 * than the service's on disk.
 */
export async function* benchDatabases(before: (where: DatabaseLocation) => Promise<void> = async () => {}): AsyncGenerator<Database> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clim-bench-'));
  await before({ dataDir });
  const lite = await openDatabase({ dataDir });
  await lite.migrate();
  try {
    yield lite;
  } finally {
    await lite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const scratch = await scratchPostgres('clim_bench');
  if (!scratch) return;
  await before({ url: scratch.url });
  const pg = await openDatabase({ url: scratch.url });
  await pg.migrate();
  try {
    yield pg;
  } finally {
    await pg.close();
    await scratch.drop();
  }
}

/**
 * A `benchDatabases` `before` that seeds a generator preset's world there in
 * a process of its own (seed-world.ts): this one then holds what a service
 * would, so its RSS and its garbage collections are the service's.
 */
export function seedWorldFirst(preset: 'mergeBench' | 'national') {
  let seeded = { month: '', months: 0, returns: 0, nominals: 0 };
  return {
    before: async (where: DatabaseLocation) => {
      const args = 'url' in where ? ['--url', where.url] : ['--data-dir', where.dataDir];
      seeded = JSON.parse(await runNode(['--import', 'tsx', fileURLToPath(new URL('./seed-world.ts', import.meta.url)), preset, ...args])) as typeof seeded;
    },
    seeded: () => seeded,
  };
}

/** The process's RSS before and at its highest while sampling, in MiB. */
export function rssSampler() {
  const now = () => Math.round(process.memoryUsage.rss() / 1024 / 1024);
  const before = now();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, now())), 50);
  return {
    stop() {
      clearInterval(timer);
      return { before, peak: Math.max(peak, now()) };
    },
  };
}

/** An empty database of this process's own on the local PostgreSQL, and how to drop it; null (said on stderr) when it does not answer. */
export async function scratchPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const name = `${prefix}_${process.pid}`;
  const admin = postgres(BENCH_PG_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } catch (err) {
    console.error(`(PostgreSQL at ${BENCH_PG_URL} not available: ${(err as Error).message}; PGlite only)`);
    await admin.end();
    return null;
  }
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function printTable(rows: BenchRow[]): void {
  const cols: (keyof BenchRow)[] = ['bench', 'case', 'database', 'seconds', 'floorSeconds', 'ratio', 'peakRssMiB', 'note'];
  const fmt = (v: unknown) => (v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v));
  const cells = [cols.map(String), ...rows.map((r) => cols.map((c) => fmt(r[c])))];
  const widths = cols.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const r of cells) console.log(r.map((c, i) => c.padEnd(widths[i])).join(' | '));
}
