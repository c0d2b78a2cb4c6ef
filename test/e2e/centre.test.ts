import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReturns } from '../../bench/seed-returns.js';
import { findAll, parseXml } from '../graph/xml-check.js';
import { presets } from '../world/index.js';
import { accessibilityProblems, chromiumMissing, drawnPixels, screenshot, SCREENSHOTS, signIn, startConsole, type Console } from './browser.js';

// The co-ordination centre's journey (issue #10) in a real browser against the
// real app on a real port and a fresh database holding a generated world
// (six forces, January to March 2026): the ranked controllers and why, a
// person with their network drawn by sigma, the GraphML export, the
// safeguarding list; and a force analyst who sees only their own force.

const world = presets.small(1);
const Q = 'month=2026-03&months=3';

type Ranked = { personId: string; rank: number; names: string[]; factors: { factor: string; text: string }[] };

describe.skipIf(chromiumMissing)('the centre screens in a browser', () => {
  let c: Console;
  let nclccToken: string;
  let leiToken: string;
  const api = async (url: string, token: string) => {
    const res = await c.ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res;
  };

  beforeAll(async () => {
    c = await startConsole();
    await seedReturns(c.ctx.database, world.returns);
    nclccToken = (await c.ctx.login('NCLCC_ANALYST')).token;
    leiToken = (await c.ctx.login('FORCE_ANALYST', { force: 'LEI' })).token;
  });
  afterAll(() => c?.close());

  /** The full page and the visible part (the size kept in docs/screenshots, copied there by hand), both in the git-ignored folder. */
  const keep = async (page: Page, name: string) => {
    await screenshot(page, name);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-view.png`) });
  };

  it('ranks controllers as the API does, explains a row, opens the person and draws their network, exports GraphML, lists children first', async () => {
    const first = (await api(`/api/v1/controllers?scope=national&${Q}&limit=5`, nclccToken)).json() as { total: number; people: Ranked[] };
    const { page, context } = await c.newPage();
    await signIn(page, nclccToken);

    // Controllers, from the navigation; the window chosen on the page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Controllers' }).click();
    await page.getByRole('heading', { name: 'Controllers', level: 1 }).waitFor();
    await page.getByLabel('Up to').selectOption('2026-03');
    await page.getByLabel('Months').selectOption('3');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('month=2026-03');
    const table = page.getByRole('table', { name: 'Controlling minds, highest ranked first' });
    await expect.poll(() => table.getAttribute('data-rows')).toBe(String(first.total));
    const firstRow = page.locator('.vscroll [role=row]').first();
    const top = first.people[0]!;
    expect(await firstRow.getAttribute('data-person')).toBe(top.personId);
    expect(await firstRow.locator('.rank').textContent()).toBe('1');
    expect(await firstRow.locator('.name').textContent()).toBe(top.names[0]);
    await page.getByText(`${first.total} people`).waitFor();

    // Why: one sentence per factor, as the API words it.
    await firstRow.getByRole('button', { name: /^Why is/ }).click();
    const why = page.locator('section.why');
    await why.getByRole('heading', { name: `Why ${top.names[0]} is ranked 1` }).waitFor();
    expect(await why.locator('li.factor').count()).toBe(top.factors.length);
    expect(await why.locator('.factor-text').first().textContent()).toContain(top.factors[0]!.text.slice(1));
    const [briefing] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the briefing workbook' }).click()]);
    expect(briefing.suggestedFilename()).toBe('controllers-NATIONAL-2026-03.xlsx');
    expect((await readFile((await briefing.path())!)).subarray(0, 2).toString()).toBe('PK');
    await keep(page, 'centre-controllers');
    expect(await accessibilityProblems(page)).toEqual([]);

    // By keyboard: the list takes focus, arrows move the selection, Enter opens the person.
    await page.locator('.vscroll').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const second = first.people[1]!;
    await why.getByRole('heading', { name: `Why ${second.names[0]} is ranked 2` }).waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`/people/${top.personId}`);

    // The person and their network picture (depth 2, the default).
    const person = (await api(`/api/v1/people/${top.personId}?scope=national&${Q}`, nclccToken)).json();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`${person.person.forenames[0].value} ${person.person.surnames[0].value}`);
    const ego = (await api(`/api/v1/network/${top.personId}?scope=national&${Q}&depth=2&format=json`, nclccToken)).json() as { nodes: unknown[] };
    await page.getByRole('button', { name: 'Show the network picture' }).click();
    const canvas = page.locator('.sigma-container');
    await canvas.and(page.locator('[data-layout=done]')).waitFor({ timeout: 30_000 });
    expect(Number(await canvas.getAttribute('data-node-count'))).toBe(ego.nodes.length);
    const pixels = await drawnPixels(page, await canvas.screenshot());
    // Drawn, not blank: many inked pixels in several colours (nodes by kind and role, edges, labels).
    expect(pixels.inked).toBeGreaterThan(pixels.total * 0.005);
    expect(pixels.colours).toBeGreaterThan(4);
    await canvas.scrollIntoViewIfNeeded();
    await keep(page, 'centre-person-network');
    expect(await accessibilityProblems(page)).toEqual([]);

    // GraphML: a file that parses, nodes carrying rank, score and flags.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download GraphML' }).click()]);
    expect(download.suggestedFilename()).toBe(`network-${top.personId}.graphml`);
    const doc = parseXml(await readFile((await download.path())!, 'utf8'));
    const keys = new Map(findAll(doc, 'key').map((k) => [k.attrs['attr.name'], k.attrs]));
    expect(keys.get('rank')).toMatchObject({ for: 'node', 'attr.type': 'double' });
    expect(keys.get('child')).toMatchObject({ 'attr.type': 'boolean' });
    const me = findAll(doc, 'node').find((n) => n.attrs.id === `person:${top.personId}`)!;
    expect(me.children.find((d) => d.attrs.key === keys.get('rank')!.id)!.text).toBe('1');

    // PNG of the picture.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
    expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');

    // Safeguarding, from the navigation: the same window, children first.
    const safeguarding = (await api(`/api/v1/safeguarding?scope=national&${Q}&limit=1000`, nclccToken)).json() as { total: number; people: { personId: string; group: string }[] };
    expect(safeguarding.people.some((p) => p.group === 'CHILD')).toBe(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safeguarding' }).click();
    await page.getByRole('heading', { name: 'Safeguarding', level: 1 }).waitFor();
    const rows = page.locator('table.safeguarding tbody tr');
    await expect.poll(() => rows.count()).toBe(safeguarding.total);
    const groups = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-group')));
    const firstAdult = groups.findIndex((g) => g !== 'CHILD');
    expect(firstAdult).toBeGreaterThan(0);
    expect(groups.slice(firstAdult)).not.toContain('CHILD');
    expect(await rows.first().locator('a').first().getAttribute('href')).toContain(safeguarding.people[0]!.personId);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(safeguarding.total + 1);
    await keep(page, 'centre-safeguarding');
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  }, 300_000);

  it('shows a force analyst only their own force', async () => {
    const lei = (await api(`/api/v1/controllers?${Q}&limit=1`, leiToken)).json() as { window: { scope: string }; total: number; people: Ranked[] };
    expect(lei.window.scope).toBe('LEI');
    const { page, context } = await c.newPage();
    await signIn(page, leiToken);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Controllers' }).click();
    await page.getByLabel('Up to').selectOption('2026-03');
    const scope = page.getByLabel('Scope');
    expect(await scope.locator('option').allTextContents()).toEqual(['Leicestershire (LEI)']);
    const table = page.getByRole('table', { name: 'Controlling minds, highest ranked first' });
    await expect.poll(() => table.getAttribute('data-rows')).toBe(String(lei.total));
    expect(await page.locator('.vscroll [role=row]').first().getAttribute('data-person')).toBe(lei.people[0]!.personId);
    await screenshot(page, 'centre-controllers-force');
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
