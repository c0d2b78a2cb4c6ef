// Load and fault test (issue #6), on 127.0.0.1 only, bounded in count and time:
// concurrent uploads and ranked-controller queries from several tokens while
// the PostgreSQL server is restarted in the middle. Afterwards every accepted
// upload is present exactly once, nothing failed left a trace, the audit log
// has an entry for each request, and the service answers without a restart.
//
// Then the stalled-upload attack of issue #12: 120 uploads of 19 MB that never
// send their closing boundary, held open while light requests (/readyz, the
// returns history) are timed; the service's RSS is read before, during and
// after.
//
// Then the window attack of issue #12.1 (windows.ts): one analyst asks for
// many different month windows at once while light requests are timed.
//
//   npm run bench:load            (all three; needs the local PostgreSQL and root for pg_ctlcluster)
//   npm run bench:load -- stalled (the upload attack alone: PostgreSQL is not restarted)
//   npm run bench:load -- windows (the window attack alone, on PGlite in a temporary
//                                  folder, or on a database of its own on BENCH_DATABASE_URL's server)
import { execSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import postgres from 'postgres';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { createServices } from '../../src/services.js';
import { quietLog } from '../harness.js';
import { workbookFor } from '../../test/helpers/fixture-returns.js';
import { pct, rssMb, spawnService, stopService, waitReady } from './service.js';
import { windowAttacks } from './windows.js';

const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = `clim_load_${process.pid}`;
const PORT = 3000 + (process.pid % 1000) + 1000;
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 40) * 1000;
const MAX_REQUESTS = 5000;
const WORKERS = 8;
const FORCES = ['LEI', 'NTH', 'DER', 'NOT'];
const PHASES = ['faults', 'stalled', 'windows'] as const;
const ASKED = PHASES.filter((p) => process.argv.includes(p));
const RUN = new Set(ASKED.length ? ASKED : PHASES);
const ATTACK_UPLOADS = 120;
const ATTACK_BYTES = 19 * 1024 * 1024;
const ATTACK_HOLD_MS = Number(process.env.ATTACK_SECONDS ?? 40) * 1000;

const dbUrl = (() => {
  const u = new URL(PG);
  u.pathname = `/${DB}`;
  return u.toString();
})();

async function prepare() {
  const admin = postgres(PG, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${DB}"`);
  await admin.end();
  const database = await openDatabase({ url: dbUrl });
  await database.migrate();
  const services = createServices({ config: loadConfig({}), database, log: quietLog });
  const tokens: { force: string | null; token: string }[] = [];
  for (const force of FORCES) {
    const u = await services.users.addUser({ name: `load-${force}`, role: 'FORCE_ANALYST', force });
    tokens.push({ force, token: (await services.users.issueToken(u.id)).token });
  }
  const n = await services.users.addUser({ name: 'load-nclcc', role: 'NCLCC_ANALYST' });
  tokens.push({ force: null, token: (await services.users.issueToken(n.id)).token });
  services.audit.stop();
  await database.close();
  return tokens;
}

function restartPostgres() {
  const version = readdirSync('/etc/postgresql')[0];
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main restart`, { stdio: 'ignore' });
}

type Token = { force: string | null; token: string };

async function main() {
  let ok = true;
  if (RUN.has('faults') || RUN.has('stalled')) ok = await uploadPhases();
  if (RUN.has('windows')) ok = (await windowAttacks({ pgUrl: process.env.BENCH_DATABASE_URL, port: PORT })) && ok;
  process.exitCode = ok ? 0 : 1;
}

/** The fault test and the stalled-upload attack, on one service over a scratch database on the local PostgreSQL. */
async function uploadPhases(): Promise<boolean> {
  const tokens = await prepare();
  const server = spawnService({ DATABASE_URL: dbUrl, PORT: String(PORT), RATE_LIMIT_PER_MINUTE: '100000' });
  try {
    if (!(await waitReady(BASE, 30_000))) throw new Error('service did not become ready');
    const faultsOk = RUN.has('faults') ? await restartUnderLoad(tokens) : true;
    const attackOk = RUN.has('stalled') ? await stalledUploads(tokens, server) : true;
    return faultsOk && attackOk;
  } finally {
    await stopService(server, 120_000);
    const admin = postgres(PG, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

async function restartUnderLoad(tokens: Token[]): Promise<boolean> {
  const files = { valid: new Map<string, Buffer>(), invalid: await workbookFor('LEI', '2026-13') };
  for (const f of FORCES) files.valid.set(f, await workbookFor(f, '2026-09'));

  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const accepted: string[] = [];
  let rejected = 0;
  let sent = 0;
  const started = Date.now();
  let restarted = false;

  const one = async (w: number) => {
    const who = tokens[(sent + w) % tokens.length];
    const t0 = performance.now();
    let kind: string;
    try {
      if (who.force && sent % 3 !== 0) {
        const form = new FormData();
        const body = sent % 5 === 0 ? files.invalid : files.valid.get(who.force)!;
        form.set('file', new Blob([new Uint8Array(body)]), 'return.xlsx');
        const res = await fetch(`${BASE}/api/v1/returns`, { method: 'POST', body: form, headers: { authorization: `Bearer ${who.token}` } });
        const json = (await res.json()) as { id?: string; error?: { code: string } };
        if (res.status === 201 && json.id) accepted.push(json.id);
        if (res.status === 422 && json.error?.code === 'returns.rejected') rejected++;
        kind = `upload ${res.status}${json.error ? ' ' + json.error.code : ''}`;
      } else {
        const res = await fetch(`${BASE}/api/v1/controllers?scope=${who.force ?? 'national'}&month=2026-09&months=1`, { headers: { authorization: `Bearer ${who.token}` } });
        await res.arrayBuffer();
        kind = `rank ${res.status}`;
      }
    } catch (err) {
      kind = `network ${(err as Error).cause ? String(((err as Error).cause as Error).message).slice(0, 40) : (err as Error).message}`;
    }
    latencies.push(performance.now() - t0);
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  };

  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      while (Date.now() - started < DURATION_MS && sent < MAX_REQUESTS) {
        sent++;
        if (!restarted && Date.now() - started > DURATION_MS / 3 && w === 0) {
          restarted = true;
          console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] restarting PostgreSQL…`);
          restartPostgres();
          console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] PostgreSQL back`);
        }
        await one(w);
      }
    }),
  );

  const recovered = await waitReady(BASE, 30_000);
  // Give the service a moment to write audit entries that waited for the database.
  await new Promise((r) => setTimeout(r, 3000));
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const [{ n: acceptedRows }] = await sql<{ n: number }[]>`select count(*)::int as n from returns where status = 'ACCEPTED'`;
  const [{ n: rejectedRows }] = await sql<{ n: number }[]>`select count(*)::int as n from returns where status = 'REJECTED'`;
  const dupes = await sql<{ id: string }[]>`select id from returns where id = any(${accepted}) group by id having count(*) > 1`;
  const present = await sql<{ n: number }[]>`select count(*)::int as n from returns where id = any(${accepted})`;
  const orphans = await sql<{ n: number }[]>`select count(*)::int as n from return_sheets s left join returns r on r.id = s.return_id where r.id is null`;
  const halfWritten = await sql<{ n: number }[]>`select count(*)::int as n from returns r where r.status = 'ACCEPTED' and (r.counts->>'nominals')::int <> coalesce((select json_array_length(s.data) from return_sheets s where s.return_id = r.id and s.sheet = 'nominals'), -1)`;
  const [{ n: audited }] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where route like '/api/v1/%'`;
  await sql.end();

  const served = latencies.length;
  console.log('\nload and fault test (PostgreSQL restarted mid-run)');
  console.log(`requests: ${served} in ${((Date.now() - started) / 1000).toFixed(1)} s from ${tokens.length} tokens, ${WORKERS} at a time`);
  console.log(`latency: p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms`);
  console.log('outcomes:');
  for (const [k, v] of [...outcomes].sort()) console.log(`  ${k}: ${v}`);
  console.log(`accepted uploads answered 201: ${accepted.length}; present in the database: ${present[0].n}; duplicated: ${dupes.length}`);
  console.log(`accepted rows in the database: ${acceptedRows} (every one answered 201: ${acceptedRows === accepted.length})`);
  console.log(`rejected attempts kept: ${rejectedRows} (answered 422: ${rejected})`);
  console.log(`orphan nominal rows: ${orphans[0].n}; accepted returns with missing rows: ${halfWritten[0].n}`);
  console.log(`audit entries: ${audited} for ${served} requests`);
  console.log(`service answering again without a restart: ${recovered}`);
  const ok = recovered && dupes.length === 0 && present[0].n === accepted.length && acceptedRows === accepted.length && orphans[0].n === 0 && halfWritten[0].n === 0 && rejectedRows === rejected && audited >= served;
  console.log(ok ? 'RESULT: no data lost, nothing half-written' : 'RESULT: CHECK FAILED');
  return ok;
}

/** An upload that sends its headers and `body`, declares more, and never finishes; resolves with the status line the service answers (or how the connection ended). */
function hangingUpload(token: string, body: Buffer) {
  const boundary = '----climAttack';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="attack.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const socket = connect(PORT, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(
    `POST /api/v1/returns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${head.length + body.length + 1024}\r\n\r\n`,
  );
  socket.write(head);
  socket.write(body);
  let answer = '';
  socket.on('data', (c: Buffer) => void (answer ||= c.toString('utf8').split('\r\n')[0]));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(answer || 'closed without an answer')));
  return { socket, closed };
}

/**
 * Issue #12's attack: 120 uploads of 19 MB without their closing boundary,
 * spread over the force analysts' tokens and held open, while light requests
 * are timed. Passes when every light request is answered and the service's
 * memory grows by less than 512 MB during the attack and 256 MB after it.
 */
async function stalledUploads(tokens: Token[], server: ChildProcess): Promise<boolean> {
  const nclcc = tokens.find((t) => !t.force)!;
  const uploaders = tokens.filter((t) => t.force);
  const light = async (into: number[], failures: string[]) => {
    for (const url of [`${BASE}/readyz`, `${BASE}/api/v1/returns`]) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers: { authorization: `Bearer ${nclcc.token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`${url.replace(BASE, '')} ${res.status}`);
      } catch (err) {
        failures.push(`${url.replace(BASE, '')} ${(err as Error).message}`);
      }
      into.push(performance.now() - t0);
    }
  };
  const timeLight = async (ms: number, into: number[], failures: string[], sample?: () => void) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await light(into, failures);
      sample?.();
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const pid = server.pid!;
  const quietLatencies: number[] = [];
  const failures: string[] = [];
  // Warmed first, so first-use costs (compiling, the first query) are not counted as quiet latency.
  await timeLight(1000, [], failures);
  await timeLight(5000, quietLatencies, failures);
  const before = rssMb(pid);

  const body = Buffer.alloc(ATTACK_BYTES, 0x41);
  const started = Date.now();
  const attack = Array.from({ length: ATTACK_UPLOADS }, (_, i) => hangingUpload(uploaders[i % uploaders.length].token, body));
  const answers = new Map<string, number>();
  for (const a of attack) void a.closed.then((status) => answers.set(status, (answers.get(status) ?? 0) + 1));
  const attackLatencies: number[] = [];
  let peak = before;
  await timeLight(ATTACK_HOLD_MS, attackLatencies, failures, () => (peak = Math.max(peak, rssMb(pid))));
  const during = rssMb(pid);
  for (const a of attack) a.socket.destroy();
  await Promise.all(attack.map((a) => a.closed));
  await new Promise((r) => setTimeout(r, 5000));
  const after = rssMb(pid);
  const afterLatencies: number[] = [];
  await timeLight(2000, afterLatencies, failures);

  const ms = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms (${xs.length} requests)`;
  console.log(`\nstalled-upload attack: ${ATTACK_UPLOADS} uploads of ${ATTACK_BYTES / 1024 / 1024} MB without their closing boundary, held ${((Date.now() - started) / 1000).toFixed(0)} s, from ${uploaders.length} tokens`);
  console.log('answers to the attack:');
  for (const [k, v] of [...answers].sort()) console.log(`  ${k}: ${v}`);
  console.log(`light requests (/readyz, /api/v1/returns) before: ${ms(quietLatencies)}`);
  console.log(`light requests during the attack:  ${ms(attackLatencies)}`);
  console.log(`light requests after it:           ${ms(afterLatencies)}`);
  console.log(`service RSS: before ${before.toFixed(0)} MB, peak during ${peak.toFixed(0)} MB, at the end of the hold ${during.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
  if (failures.length) console.log(`light requests that failed: ${failures.length} (${[...new Set(failures)].slice(0, 5).join('; ')})`);
  // Held in memory the attack would take ≥ 2.2 GB (issue #12 saw 0.87 → 2.6 GB, kept after it ended); streamed to disk under the caps, a small fraction of that.
  const ok = failures.length === 0 && peak - before < 512 && after - before < 256;
  console.log(ok ? 'RESULT: the service kept answering and its memory stayed bounded' : 'RESULT: CHECK FAILED');
  return ok;
}

await main();
