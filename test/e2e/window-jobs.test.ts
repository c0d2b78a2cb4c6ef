import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReturns } from '../../bench/seed-returns.js';
import { presets } from '../world/index.js';
import { accessibilityProblems, chromiumMissing, screenshot, signIn, startConsole, type Console } from './browser.js';

// A window the service has not worked out answers 202 with its job (issue
// #12): the console says it is working the network out, waits for the job,
// and shows the list when it is ready, without the analyst doing anything.
// The service here never waits (ANALYSIS_WAIT_MS=0), so every new window goes
// through the job.

const world = presets.small(2);

describe.skipIf(chromiumMissing)('a window being worked out, in a browser', () => {
  let c: Console;
  let token: string;

  beforeAll(async () => {
    c = await startConsole({ env: { ANALYSIS_WAIT_MS: '0' } });
    await seedReturns(c.ctx.database, world.returns);
    token = (await c.ctx.login('NCLCC_ANALYST')).token;
  });
  afterAll(() => c?.close());

  it('shows the stage while the window is worked out, then the list', async () => {
    const { page, context } = await c.newPage();
    await signIn(page, token);
    const stages: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/v1/safeguarding') || res.url().includes('/api/v1/jobs/')) stages.push(`${res.status()} ${new URL(res.url()).pathname.split('/')[3]}`);
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safeguarding' }).click();
    await page.getByRole('heading', { name: 'Safeguarding', level: 1 }).waitFor();
    // Every text the status regions show, as it changes.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { statusTexts: string[] }).statusTexts = []);
      const record = () => document.querySelectorAll('[role=status], output').forEach((e) => seen.push(e.textContent ?? ''));
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel('Up to').selectOption('2026-03');
    await page.getByLabel('Months').selectOption('2');

    // The job's stage, in words, in the page's status region (polled each second, so shown at least that long).
    await page.getByRole('status').filter({ hasText: /Working out the network for the country: (loading returns|resolving and ranking)/ }).waitFor({ timeout: 60_000 });
    // The window chosen first (the month alone) was abandoned when the span changed: only the window on screen is waited for.
    await screenshot(page, 'centre-window-working-out');
    const rows = page.locator('table.safeguarding tbody tr');
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBeGreaterThan(0);
    // The window answered 202 first, the job was polled, and the window asked again.
    // Choosing month and span quickly asks for three windows: past the cap of two (429), the console waits its turn.
    expect(stages).toContain('202 safeguarding');
    expect(stages).toContain('200 jobs');
    expect(stages).toContain('200 safeguarding');
    const res = await c.ctx.app.inject({ method: 'GET', url: '/api/v1/safeguarding?scope=national&month=2026-03&months=2&limit=1000', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(await rows.count()).toBe(res.json().total);
    // The window chosen first (the month alone) was abandoned when the span changed: only the window on screen was waited for.
    const seen = await page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
    expect(seen.some((t) => t.includes('Working out the network'))).toBe(true);
    expect(seen.filter((t) => /\d windows\)/.test(t))).toEqual([]);
    // Done: the status region is empty again.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Working out the network' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  }, 300_000);
});
