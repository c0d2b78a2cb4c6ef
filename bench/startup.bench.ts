// Issue #12 §7: service start on an existing database, from spawning the
// process to the first 200 from /readyz, beside floors measured in the same
// run: a bare `node -e 0`, and a bare open of the same database (PGlite
// folder, or a postgres.js `select 1`) in a fresh process. Cases alternate
// round by round so that load from elsewhere falls on all of them alike.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { scratchPostgres, type Benchmark, type BenchRow } from './harness.js';

const ROUNDS = 5;

/** One database: its floor, and the ways of starting the service on it. */
interface Target {
  database: 'pglite' | 'postgres';
  floor: () => Promise<number>;
  floorNote: string;
  /** Each times one start, to /readyz answering 200, the process stopped again. */
  starts: { label: string; once: () => Promise<Start> }[];
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Wall seconds of a command run to its end (a floor). */
async function runToEnd(args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`floor command failed (${code}): ${args.join(' ')}`);
  return (performance.now() - start) / 1000;
}

/**
 * Time the process's main thread spent waiting for a CPU so far (Linux), in
 * seconds: subtracted from the wall time, it gives the start a quiet machine
 * would see, when other sessions load this one. null where /proc is missing.
 */
function runQueueWait(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return null;
  }
}

interface Start {
  seconds: number;
  /** Wall seconds less the main thread's run-queue wait; only for a start whose process is the service itself. */
  unqueued: number | null;
}

/** Starts `command`, polls /readyz until it answers 200, then stops the process group and waits for it (and its data-folder lock) to go. */
async function timeStart(command: string, args: string[], env: NodeJS.ProcessEnv, lockFile: string | null): Promise<Start> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let stopped = false;
  void exited.then(() => {
    stopped = true;
  });
  let seconds = Number.NaN;
  let waited: number | null = null;
  while (!stopped) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) {
      seconds = (performance.now() - start) / 1000;
      waited = command === process.execPath ? runQueueWait(child.pid!) : null;
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  if (!stopped) process.kill(-child.pid!, 'SIGTERM');
  await exited;
  // npm's child may outlive npm by a moment: the next start must not find the folder locked.
  for (let i = 0; lockFile && existsSync(lockFile) && i < 1000; i++) await new Promise((r) => setTimeout(r, 10));
  if (Number.isNaN(seconds)) throw new Error(`${command} ${args.join(' ')} exited before /readyz answered`);
  return { seconds, unqueued: waited === null ? null : seconds - waited };
}

/** The node flags of `npm start`, so the direct case runs exactly what npm runs. */
function startScript(): string[] {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return args;
}

function startsOn(env: NodeJS.ProcessEnv, lockFile: string | null): Target['starts'] {
  const direct = startScript();
  return [
    { label: `node ${direct.at(-1)}`, once: () => timeStart(process.execPath, direct, env, lockFile) },
    { label: 'npm start (with prestart)', once: () => timeStart('npm', ['start', '--silent'], env, lockFile) },
  ];
}

export const startupBench: Benchmark = {
  name: 'startup',
  async run() {
    // `npm start` would build a stale tree inside its first timed run.
    spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    const dir = mkdtempSync(join(tmpdir(), 'clim-start-'));
    const dataDir = join(dir, 'data');
    const lockFile = join(dataDir, '.clim.lock');
    const pg = await scratchPostgres('clim_bench_start');
    try {
      const liteEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
      // The first start creates, migrates and seeds the folder; every timed start after it finds an existing database.
      await timeStart(process.execPath, startScript(), liteEnv, lockFile);
      const liteOpen = `const { PGlite } = await import('@electric-sql/pglite'); const c = new PGlite(process.env.DATA_DIR); await c.query('select 1'); await c.close();`;
      const targets: Target[] = [
        {
          database: 'pglite',
          floor: () => runToEnd(['--input-type=module', '-e', liteOpen], liteEnv),
          floorNote: 'bare PGlite open + select 1 of the same folder',
          starts: startsOn(liteEnv, lockFile),
        },
      ];
      if (pg) {
        const database = await openDatabase({ url: pg.url });
        await database.migrate();
        await database.close();
        const pgEnv = { DATABASE_URL: pg.url };
        const pgOpen = `const { default: postgres } = await import('postgres'); const sql = postgres(process.env.DATABASE_URL); await sql\`select 1\`; await sql.end();`;
        targets.push({
          database: 'postgres',
          floor: () => runToEnd(['--input-type=module', '-e', pgOpen], pgEnv),
          floorNote: 'bare postgres.js connect + select 1',
          starts: startsOn(pgEnv, null),
        });
      }
      const best = new Map<unknown, number>();
      const keep = (key: unknown, seconds: number | null) => {
        if (seconds !== null) best.set(key, Math.min(best.get(key) ?? Infinity, seconds));
      };
      for (let round = 0; round < ROUNDS; round++) {
        keep('node', await runToEnd(['-e', '0']));
        for (const t of targets) {
          keep(t, await t.floor());
          for (const s of t.starts) {
            const { seconds, unqueued } = await s.once();
            keep(s, seconds);
            keep(s.once, unqueued);
          }
        }
      }
      const node = best.get('node')!;
      return targets.flatMap((t) =>
        t.starts.map((s): BenchRow => {
          const seconds = best.get(s)!;
          const floor = best.get(t)!;
          const unqueued = best.get(s.once);
          return {
            bench: 'startup', case: s.label, database: t.database, seconds, floorSeconds: floor, ratio: seconds / floor,
            note: `best of ${ROUNDS}, to /readyz 200; floor: ${t.floorNote}; node -e 0: ${node.toFixed(3)} s${unqueued === undefined ? '' : `; less run-queue wait: ${unqueued.toFixed(3)} s`}`,
          };
        }),
      );
    } finally {
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
