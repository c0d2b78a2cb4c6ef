import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// The console driven in Debian's Chromium (no browser download): the real app on a
// real port with a fresh database of the test file's own, and web/dist as `npm install` builds it.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? null : `${CHROMIUM} not found: install Debian's chromium package (CI does) to run the console's browser tests`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');
const DIST = join(ROOT, 'web/dist/index.html');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Console {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** A new browser profile: its own cookies, as a different person at another machine. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Starts the app on a free port and launches Chromium (the test run's global setup has built web/dist). */
export async function startConsole(opts: Parameters<typeof createTestContext>[0] = {}): Promise<Console> {
  if (!existsSync(DIST)) throw new Error('web/dist is missing: run npm run build:web');
  const ctx = await createTestContext(opts);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  // launch() gives Chromium a fresh temporary profile of its own and removes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    ctx,
    baseUrl,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => {});
      await ctx.close();
    },
  };
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in form, as a person would, with a token the administrator issued. */
export async function signIn(page: Page, token: string) {
  await page.goto('/');
  await page.getByLabel('Access token').fill(token);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST' && r.ok()), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Pixels of a PNG that are neither the background nor transparent, and how many
 * distinct colours they take, counted by the page itself (a canvas 2D context)
 * so the test needs no PNG decoder of its own.
 */
export async function drawnPixels(page: Page, png: Buffer): Promise<{ inked: number; colours: number; total: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r > 245 && g > 245 && b > 245) continue;
      inked++;
      colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    }
    return { inked, colours: colours.size, total: img.width * img.height };
  }, png.toString('base64'));
}
