// Measures the centre screens (issue #10) in headless Chromium, not a test:
//
// 1. Controllers for the national bench world (generator preset `national`,
//    ≈ 23,000 people): time from the first page of the API's answer to the
//    first row on screen and to the row's "why" being shown after a click;
//    time to hold every page; then a scroll to the end of the list with a
//    PerformanceObserver counting long tasks (> 50 ms, reported > 100 ms).
// 2. The network picture for 2,000 nodes and 5,000 edges: time from the
//    click to the picture drawn and laid out (ForceAtlas2 stopped).
// 3. The gzip size of the network picture's JavaScript chunk.
//
// The console and its sign-in are the real app on a real port. The national
// world's answers are computed in this process by the service's own ranking
// code (perfect resolution of the generated world, build, analyse, rank, rank
// by contacts) and paged by the service's own `page()`; Chromium receives them
// through page.route, because resolving 300,000 nominal rows through the
// database would make the bench about the resolver rather than the console.
//
//   npx tsx bench/console/controllers-network.ts

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium, type Page, type Route } from 'playwright-core';
import { buildApp } from '../../src/api/app.js';
import { fingerprint, page as pageOf } from '../../src/api/paging.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { analyseNetwork } from '../../src/graph/analyse.js';
import { buildGraph } from '../../src/graph/build.js';
import { rankByContacts } from '../../src/graph/rank-by-contacts.js';
import { rankControllers } from '../../src/graph/rank.js';
import { perfectResolution } from '../../test/graph/perfect-resolution.js';
import { presets } from '../../test/world/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MONTH = '2026-10';
const ms = (x: number) => `${Math.round(x)} ms`;

/** The national answers, computed once and kept in .bench-out/ (git-ignored): ranking 23,000 people takes minutes on a shared machine. */
function national(): ReturnType<typeof computeNational> {
  const cache = join(ROOT, '.bench-out/centre-national.json');
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const out = computeNational();
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify(out));
  return out;
}

function computeNational() {
  const t0 = performance.now();
  const input = perfectResolution(presets.national(1));
  const graph = buildGraph(input);
  const analysis = analyseNetwork(graph);
  const ranked = rankControllers(graph, { analysis });
  const contacts = rankByContacts(graph);
  console.log(`national world ranked in process: ${input.people.length} people, ${graph.order} nodes, ${graph.size} edges, ${ms(performance.now() - t0)}`);
  const window = { scope: 'NATIONAL', forces: [...new Set(input.people.flatMap((p) => p.forces))].sort(), months: input.months };
  const controllers = ranked.filter((r) => r.rank !== null).map((r) => ({ ...r, sources: [] }));
  const contactRows = contacts.filter((c) => c.rank !== null).map((c) => ({ ...c, names: [], pncIds: [], dob: null, age: null, sources: [], structuralRank: null, handlingConditions: [] }));
  return { window, controllers, contacts: contactRows, leftOut: ranked.length - controllers.length };
}

/** A person-shaped network of `nodes` nodes (a tenth of them lines) and `edges` directed links, deterministic. */
function syntheticNetwork(centreId: string, nodes: number, edges: number) {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const keys: string[] = [];
  const out = { attributes: { months: [MONTH] }, options: { type: 'directed', multi: true, allowSelfLoops: false }, nodes: [] as unknown[], edges: [] as unknown[] };
  for (let i = 0; i < nodes; i++) {
    const line = i % 10 === 9;
    const id = i === 0 ? centreId : `${line ? 'L' : 'P'}-BENCH${i}`;
    const key = `${line ? 'line' : 'person'}:${id}`;
    keys.push(key);
    out.nodes.push({
      key,
      attributes: line
        ? { kind: 'line', id, names: [`LINE ${i}`] }
        : { kind: 'person', id, names: [`PERSON ${i}`], score: rnd(), rank: i + 1, overallRank: i + 1, flags: { child: i % 37 === 0, exploited: i % 41 === 0, vulnerable: false } },
    });
  }
  for (let e = 0; e < edges; e++) {
    const s = Math.floor(rnd() * nodes);
    let t = Math.floor(rnd() * nodes);
    if (t === s) t = (t + 1) % nodes;
    const toLine = keys[t]!.startsWith('line:') && keys[s]!.startsWith('person:');
    out.edges.push({ key: `E${e}`, source: keys[s], target: keys[t], attributes: toLine ? { type: 'ON_LINE', roles: ['RUNNER'] } : { type: 'DIRECTS' } });
  }
  return out;
}

async function main() {
  if (statSync(join(ROOT, 'web/dist/index.html'), { throwIfNoEntry: false }) === undefined) execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
  const world = national();
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const app = await buildApp({ config: loadConfig({ RATE_LIMIT_PER_MINUTE: '100000' }), database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const user = await app.services.users.addUser({ name: 'bench analyst', role: 'NCLCC_ANALYST' });
  const { token } = await app.services.users.issueToken(user.id);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Long tasks from the first moment, kept in the page for reading later.
  await page.addInitScript(() => {
    const w = window as unknown as { __long: { start: number; duration: number }[]; __firstRow: number | null };
    w.__long = [];
    w.__firstRow = null;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      if (w.__firstRow === null && document.querySelector('.vscroll [role=row]')) w.__firstRow = performance.now();
    }).observe(document, { subtree: true, childList: true });
  });

  const version = fingerprint(world.controllers.map((r) => r.personId));
  const contactsVersion = fingerprint(world.contacts.map((r) => r.personId));
  await page.route('**/api/v1/controllers?*', async (route: Route) => {
    const u = new URL(route.request().url());
    const contacts = u.searchParams.get('method') === 'contacts';
    const limit = Number(u.searchParams.get('limit') ?? 50);
    const cursor = u.searchParams.get('cursor') ?? undefined;
    const base = { window: world.window, include: [], builtAt: new Date().toISOString(), leftOut: world.leftOut };
    const body = contacts
      ? (() => {
          const p = pageOf(world.contacts, { list: 'contacts', version: contactsVersion, cursor, limit });
          return { ...base, method: 'contacts', total: p.total, nextCursor: p.nextCursor, contacts: p.items };
        })()
      : (() => {
          const p = pageOf(world.controllers, { list: 'controllers', version, cursor, limit });
          return { ...base, method: 'structure', total: p.total, nextCursor: p.nextCursor, people: p.items };
        })();
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });

  // Sign in through the form (a reload picks the cookie up where the shell does not yet).
  await page.goto('/');
  await page.getByLabel('Access token').fill(token);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
  if (!(await page.getByRole('button', { name: 'Sign out' }).isVisible())) await page.reload();

  if (process.env.ONLY !== 'network') await controllersBench(page, world);
  await networkBench(page, world);
  await browser.close();
  await app.close();
  await database.close();
}

async function controllersBench(page: Page, world: ReturnType<typeof national>) {
  // 1. Controllers.
  const t0 = Date.now();
  await page.goto(`/#/controllers?scope=NATIONAL&month=${MONTH}&months=12`);
  await page.locator('.vscroll [role=row]').first().waitFor({ timeout: 120_000 });
  // A click on the first row's "Why", timed inside the page: from the click to the panel in the document.
  const timing = (await page.evaluate(`(async () => {
    const t = performance.now();
    document.querySelector('.vscroll [role=row] button').click();
    while (!document.querySelector('section.why h2')) await new Promise((r) => setTimeout(r, 0));
    const firstPage = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/controllers?') && !e.name.includes('cursor='));
    return { answered: firstPage.responseEnd, firstRow: window.__firstRow, clicked: t, whyShown: performance.now() };
  })()`)) as { answered: number; firstRow: number; clicked: number; whyShown: number };
  const table = page.getByRole('table', { name: 'Controlling minds, highest ranked first' });
  await page.waitForFunction((n) => document.querySelector('[data-rows]')?.getAttribute('data-rows') === String(n), world.controllers.length, { timeout: 300_000 });
  const allLoadedMs = Date.now() - t0;
  await page.waitForFunction(() => ![...document.querySelectorAll('.vscroll [role=row] .num')].some((e) => e.textContent === '…'), null, { timeout: 300_000 });
  const contactsLoadedMs = Date.now() - t0;
  console.log(`controllers: ${await table.getAttribute('data-rows')} rows; first row drawn ${ms(timing.firstRow - timing.answered)} after the first page arrived; a click on Why answered in ${ms(timing.whyShown - timing.clicked)} (${ms(timing.whyShown - timing.answered)} after the first page arrived)`);
  console.log(`controllers: every page held ${ms(allLoadedMs)} after navigation; the contacts ranks beside them ${ms(contactsLoadedMs)}`);

  // Scroll to the end, a screenful per frame, counting long tasks during the scroll.
  // How loaded the machine is: a fixed piece of work, timed, so runs on a shared machine can be compared.
  const calibration = (await page.evaluate(`(() => { const t = performance.now(); let x = 0; for (let i = 0; i < 2e7; i++) x = (x + i * 7) % 1000003; return { ms: performance.now() - t, x }; })()`)) as { ms: number };
  console.log(`calibration: a fixed loop took ${ms(calibration.ms)} in the page (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`);
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  const scroll = (await page.evaluate(`(async () => {
    const el = document.querySelector('.vscroll');
    const from = performance.now();
    let frames = 0;
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += el.clientHeight;
      await new Promise((r) => requestAnimationFrame(r));
      frames++;
    }
    await new Promise((r) => requestAnimationFrame(r));
    const during = window.__long.filter((t) => t.start >= from);
    const ranks = [...el.querySelectorAll('[role=row] .rank')].map((e) => Number(e.textContent));
    return { frames, seconds: (performance.now() - from) / 1000, longTasks: during.length, over100: during.filter((t) => t.duration > 100).length, worst: Math.max(0, ...during.map((t) => t.duration)), lastRank: Math.max(...ranks) };
  })()`)) as { frames: number; seconds: number; longTasks: number; over100: number; worst: number; lastRank: number };
  console.log(`scroll to the end: ${scroll.frames} screens in ${scroll.seconds.toFixed(1)} s; long tasks ${scroll.longTasks}, over 100 ms ${scroll.over100}, worst ${ms(scroll.worst)}; last rank shown ${scroll.lastRank}`);

}

async function networkBench(page: Page, world: ReturnType<typeof national>) {
  // 2. The network picture: a person page whose network answer is 2,000 nodes and 5,000 edges.
  const centre = world.controllers[0]!.personId;
  const network = JSON.stringify(syntheticNetwork(centre, 2000, 5000));
  await page.route('**/api/v1/network/**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: network }));
  await page.route('**/api/v1/people/*?*', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        window: world.window,
        person: { id: centre, records: [], forces: [], months: [], surnames: [{ value: 'BENCH', sources: [] }], forenames: [], dobs: [], pncIds: [], streetNames: [], phones: [], postcodeDistricts: [], genders: [], homeForces: [], vulnerabilities: [], exploited: 'NO', handlingConditions: [], confidence: 1, edges: [], notes: [], ocgUrns: [] },
        rank: 1, overallRank: 1, flags: { child: false, exploited: false, vulnerable: false }, age: null, links: [],
      }),
    }),
  );
  await page.goto(`/#/people/${centre}?scope=NATIONAL&month=${MONTH}&months=12`);
  await page.getByRole('button', { name: 'Show the network picture' }).waitFor();
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Show the network picture' }).click();
  await page.locator('.sigma-container:not([data-layout=running])').waitFor({ timeout: 120_000 });
  const state = await page.locator('.sigma-container').getAttribute('data-layout');
  if (state !== 'done') console.log(`network picture: layout ${state}`);
  const pictureMs = Date.now() - clicked;
  const nodes = await page.locator('.sigma-container').getAttribute('data-node-count');
  const [drawn, sigmaMs, layoutMs] = await Promise.all(['data-drawn-ms', 'data-sigma-ms', 'data-layout-ms'].map((a) => page.locator('.sigma-container').getAttribute(a)));
  await page.locator('.sigma-container').screenshot({ path: join(ROOT, 'test/e2e/screenshots/bench-network-2000.png') });
  console.log(`network picture: ${nodes} nodes, 5000 edges drawn and laid out ${ms(pictureMs)} after the click (chunk load + answer + sigma + ForceAtlas2 worker; ${drawn} ms of it from sigma's start to the laid-out picture drawn: sigma's construction and first drawing ${sigmaMs} ms, ForceAtlas2 iterations in the worker ${layoutMs} ms)`);

  // 3. Size of the chunk only the picture loads.
  const assets = join(ROOT, 'web/dist/assets');
  for (const f of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const raw = readFileSync(join(assets, f));
    console.log(`chunk ${f}: ${(raw.length / 1024).toFixed(0)} KB, gzip ${(gzipSync(raw).length / 1024).toFixed(0)} KB`);
  }
}

await main();
