// Whether person ids and national scores hold still when a region runs its
// merges (found by an outside trial on the generator's region world). One
// service in-process (fastify inject, a fresh in-memory PGlite, windows not
// worked out in advance, a fixed clock after the world's last month) is sent
// every return of presets.region(seed), each by its force's analyst. Then,
// for a few windows, it records which person id every force record (`force|ref`,
// from /people's sources) goes by, and the national 6-month /controllers body;
// runs the East Midlands ROCU merge of 2026-06 and records again; then the
// merge of 2026-03 (an earlier month) and records again. Per window and step,
// against the step before: records whose id changed, and of the ids the
// window had before, how many /people/:id answers 404 (or under another id).
// For the national controllers: how many people (keyed by their records)
// changed score, and whether the body is byte-identical to the first one.
// The database is opened here: createTestContext's own needs vitest's global setup.
// Run: npx tsx bench/id-stability.ts [seed=5]
import { createTestContext } from '../test/helpers/test-app.js';
import { ok } from '../test/helpers/regional-returns.js';
import { uploadAll, workbooksOf } from '../test/regional/api-world.js';
import { presets } from '../test/world/index.js';
import { openDatabase } from '../src/db/client.js';

const seed = Number(process.argv[2] ?? 5);
const NOW = new Date('2026-07-15T12:00:00Z');
const WINDOWS: [scope: string, month: string, months: number][] = [
  ['EAST_MIDLANDS', '2026-06', 3], ['EAST_MIDLANDS', '2026-06', 6], ['national', '2026-06', 3],
  ['national', '2026-06', 6], ['LEI', '2026-06', 3], ['EAST_MIDLANDS', '2026-03', 3],
];
const CONTROLLERS = '/api/v1/controllers?scope=national&month=2026-06&months=6&limit=1000';

interface Source { force: string; month: string; ref: string }
interface Listed { personId: string; score?: number; sources: Source[] }
interface Snapshot {
  /** window → `force|ref` → the person id(s) its rows go by ('+'-joined when a reissued ref sits in two people). */
  ids: Map<string, Map<string, string>>;
  /** Every page of the national controllers, as sent. */
  controllers: string[];
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const world = presets.region(seed);
const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
const ctx = await createTestContext({
  database, now: () => NOW, env: { ANALYSIS_PRECOMPUTE: 'off', ANALYSIS_WAIT_MS: '600000' },
});
const [centre, rocu] = [await ctx.login('NCLCC_ANALYST'), await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' })];

const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: centre.headers });
const windowQuery = ([scope, month, months]: (typeof WINDOWS)[number]) => `scope=${scope}&month=${month}&months=${months}`;
const windowName = ([scope, month, months]: (typeof WINDOWS)[number]) => `${scope} ${month} ×${months}`;

/** Every page of a list, each page's raw body, following nextCursor. */
async function pages(url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const res = await get(`${url}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    ok(res);
    bodies.push(res.body);
    cursor = (JSON.parse(res.body) as { nextCursor: string | null }).nextCursor;
  }
  return bodies;
}
const entries = (bodies: string[]): Listed[] => bodies.flatMap((b) => (JSON.parse(b) as { people: Listed[] }).people);

async function snapshot(): Promise<Snapshot> {
  const ids = new Map<string, Map<string, string>>();
  for (const w of WINDOWS) {
    const byRecord = new Map<string, Set<string>>();
    for (const p of entries(await pages(`/api/v1/people?${windowQuery(w)}&limit=1000`)))
      for (const s of p.sources) {
        const k = `${s.force}|${s.ref}`;
        (byRecord.get(k) ?? byRecord.set(k, new Set()).get(k)!).add(p.personId);
      }
    ids.set(windowName(w), new Map([...byRecord].map(([k, v]) => [k, [...v].sort().join('+')])));
  }
  return { ids, controllers: await pages(CONTROLLERS) };
}

/** Of a window's earlier ids, how many /people/:id answers 404, and how many answer under another id. */
async function resolveOld(w: (typeof WINDOWS)[number], old: Set<string>): Promise<{ notFound: number; redirected: number; example?: string }> {
  let notFound = 0;
  let redirected = 0;
  let example: string | undefined;
  for (const id of old) {
    const res = await get(`/api/v1/people/${id}?${windowQuery(w)}`);
    if (res.statusCode === 404) {
      notFound++;
      example ??= id;
    } else if ((ok(res) as { person: { id: string } }).person.id !== id) redirected++;
  }
  return { notFound, redirected, example };
}

/** People of the controllers list keyed by their sorted records → score. */
const scores = (bodies: string[]) =>
  new Map(entries(bodies).map((p) => [p.sources.map((s) => `${s.force}|${s.month}|${s.ref}`).sort().join(','), p.score!]));
const scoreChanges = (a: Map<string, number>, b: Map<string, number>) =>
  [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).length;

async function merge(month: string): Promise<void> {
  ok(await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: rocu.headers, payload: { month } }), 201);
}

const workbooks = await workbooksOf(world.returns);
await uploadAll(ctx, workbooks);
console.log(`seed ${seed}: ${world.returns.length} returns uploaded, ${world.returns.reduce((n, r) => n + r.nominals.length, 0)} nominal rows (${elapsed()})`);

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const idRows: string[] = [];
/** Each window against the step before, the old ids asked for at once (the next merge may change what they answer). */
async function compareIds(name: string, before: Snapshot, after: Snapshot): Promise<void> {
  for (const w of WINDOWS) {
    const was = before.ids.get(windowName(w))!;
    const now = after.ids.get(windowName(w))!;
    const changed = [...was].filter(([k, id]) => now.has(k) && now.get(k) !== id).length;
    const old = new Set([...was.values()].flatMap((v) => v.split('+')));
    const r = await resolveOld(w, old);
    idRows.push(`${pad(name, 14)}${pad(windowName(w), 26)}${pad(was.size, 9)}${pad(changed, 12)}${pad(old.size, 6)}${pad(r.notFound, 6)}${pad(r.redirected, 7)}${r.example ?? ''}`);
  }
}

const steps: { name: string; snap: Snapshot }[] = [{ name: 'before', snap: await snapshot() }];
console.log(`snapshot before (${elapsed()})`);
for (const month of ['2026-06', '2026-03']) {
  await merge(month);
  steps.push({ name: `merge ${month}`, snap: await snapshot() });
  await compareIds(`merge ${month}`, steps.at(-2)!.snap, steps.at(-1)!.snap);
  console.log(`merge ${month}, snapshot, old ids asked for (${elapsed()})`);
}

console.log(`\nperson ids per window, each step against the step before (ids: distinct ids before; 404 / moved: of those ids, /people/:id not found / answered under another id)`);
console.log(`${pad('step', 14)}${pad('window', 26)}${pad('records', 9)}${pad('id changed', 12)}${pad('ids', 6)}${pad('404', 6)}${pad('moved', 7)}e.g. 404`);
for (const row of idRows) console.log(row);

console.log(`\nnational 2026-06 ×6 /controllers (people keyed by their records)`);
const first = steps[0].snap.controllers;
const firstScores = scores(first);
const idsOf = (bodies: string[]) => new Set(entries(bodies).map((p) => p.personId));
const firstIds = idsOf(first);
console.log(`${pad('step', 14)}${pad('people', 8)}${pad('scores≠prev', 13)}${pad('scores≠first', 14)}${pad('ids≠first', 11)}byte-identical to first`);
steps.forEach(({ name, snap }, i) => {
  const now = scores(snap.controllers);
  const prev = i ? scores(steps[i - 1].snap.controllers) : now;
  const idsMoved = [...idsOf(snap.controllers)].filter((id) => !firstIds.has(id)).length;
  const same = snap.controllers.length === first.length && snap.controllers.every((b, j) => b === first[j]);
  console.log(`${pad(name, 14)}${pad(now.size, 8)}${pad(scoreChanges(prev, now), 13)}${pad(scoreChanges(firstScores, now), 14)}${pad(idsMoved, 11)}${same ? 'yes' : 'no'}`);
});
console.log(`\n(${elapsed()})`);
await ctx.close();
process.exit(0);
