// `npm run bench:console` (issue #9): what the console costs an analyst.
//  1. the JavaScript the first screen loads, gzipped (aim ≤ 250 KB);
//  2. navigation to an interactive upload screen in headless Chromium, cold cache (aim < 1.5 s);
//  3. a 22,000-row return from file chosen to report shown, through the console,
//     against the same upload straight to the API (aim ≤ 1.2×).
// A script, not a test: it prints figures and judges nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { bigReturn, toXlsx } from '../../test/matrix/fixtures.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/e2e/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'web/dist');
const NAV_RUNS = 7;
const UPLOAD_RUNS = 3;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The scripts index.html loads (its entry and what it preloads): the first screen's JavaScript. */
function firstScreenJs() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const sized = (f: string) => {
    const buf = readFileSync(join(DIST, f));
    return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  };
  const first = files.map(sized).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  const all = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => sized(`assets/${f}`))
    .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  return { files, first, all };
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium package`);
  const js = firstScreenJs();

  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const app = await buildApp({ config: loadConfig({ RATE_LIMIT_PER_MINUTE: '100000' }), database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  const base = `http://127.0.0.1:${address.port}`;
  const user = await app.services.users.addUser({ name: 'bench analyst', role: 'FORCE_ANALYST', force: 'LEI' });
  const { token } = await app.services.users.issueToken(user.id);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  /** A fresh browser profile (empty cache) already holding a session cookie. */
  const signedIn = async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
    const res = await context.request.post('/api/v1/session', { data: { token } });
    if (res.status() !== 200) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
    return { context, page: await context.newPage() };
  };

  try {
    // 2. Navigation → upload screen ready for a file (the field visible and enabled).
    const nav: number[] = [];
    for (let i = 0; i < NAV_RUNS; i++) {
      const { context, page } = await signedIn();
      const t = performance.now();
      await page.goto('/#/upload');
      await page.getByLabel('Return file').waitFor({ state: 'visible' });
      nav.push(performance.now() - t);
      await context.close();
    }

    console.error(`navigation: ${nav.map((n) => (n / 1000).toFixed(3)).join(' ')} s`);
    // 3. The bench workbook: 2,000 lines + 20,000 nominals (bench/validate.bench.ts).
    const buffer = await toXlsx(bigReturn(2000, 20_000));
    const viaApi = async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(buffer)], { type: XLSX }), 'bench.xlsx');
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/returns`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      await res.json();
      if (res.status !== 201) throw new Error(`API upload: ${res.status}`);
      return performance.now() - t;
    };
    const { context, page } = await signedIn();
    await page.goto('/#/upload');
    const viaConsole = async () => {
      await page.goto('/#/');
      await page.goto('/#/upload');
      const input = page.getByLabel('Return file');
      await input.waitFor();
      const t = performance.now();
      await input.setInputFiles({ name: 'bench.xlsx', mimeType: XLSX, buffer });
      await page
        .getByRole('heading', { name: /^Accepted as version \d+/ })
        .waitFor({ timeout: 180_000 })
        .catch(async (err) => {
          await page.screenshot({ path: join(ROOT, 'test/e2e/screenshots/bench-failed.png'), fullPage: true });
          throw new Error(`no accepted report on screen: ${(await page.locator('main').innerText()).slice(0, 500)}`, { cause: err });
        });
      return performance.now() - t;
    };
    await viaApi(); // warm-up: the parse worker, the JIT, the database's caches
    const api: number[] = [];
    const web: number[] = [];
    for (let i = 0; i < UPLOAD_RUNS; i++) {
      api.push(await viaApi());
      web.push(await viaConsole());
      console.error(`upload run ${i + 1}: API ${(api[i]! / 1000).toFixed(2)} s, console ${(web[i]! / 1000).toFixed(2)} s`);
    }
    await context.close();

    const rows = [
      ['first screen JS (gzip)', kb(js.first.gzip), `${js.files.join(', ')}; ${kb(js.first.raw)} raw; all chunks ${kb(js.all.gzip)} gzip`, 'aim ≤ 250 KB'],
      ['navigation → upload screen', `${(median(nav) / 1000).toFixed(3)} s`, `median of ${NAV_RUNS} cold profiles (min ${(Math.min(...nav) / 1000).toFixed(3)} s, max ${(Math.max(...nav) / 1000).toFixed(3)} s)`, 'aim < 1.5 s'],
      ['22,000-row upload via API', `${(median(api) / 1000).toFixed(2)} s`, `median of ${UPLOAD_RUNS}; ${(buffer.length / 1e6).toFixed(1)} MB; ${database.kind}`, ''],
      ['22,000-row upload via console', `${(median(web) / 1000).toFixed(2)} s`, `median of ${UPLOAD_RUNS}; file chosen → report on screen`, ''],
      ['console / API', `${(median(web) / median(api)).toFixed(2)}×`, '', 'aim ≤ 1.2×'],
    ];
    const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) console.log(`${r[0]!.padEnd(w[0]!)}  ${r[1]!.padStart(w[1]!)}  ${r[3]!.padEnd(12)}  ${r[2]}`);
  } finally {
    await browser.close();
    await app.close();
    await database.close();
  }
}

await main();
