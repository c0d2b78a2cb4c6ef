import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, chromiumMissing, screenshot, startConsole, type Console } from './browser.js';

// Issue #9: the administrator's month in the browser, end to end against the real
// app and database: add analysts with their force or region, issue a token that is
// shown once and copied, see it work, revoke it and watch the session it made end,
// disable a user, and read the audit log by user, action and time, a page at a time.

describe.skipIf(chromiumMissing)(`the administrator's console in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, () => {
  let app: Console;
  let page: Page;
  let adminToken = '';
  let issuedToken = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startConsole();
    const { users } = app.ctx.app.services;
    const admin = await users.addUser({ name: 'Ada Admin', role: 'ADMIN' });
    adminToken = (await users.issueToken(admin.id)).token;
    const { context, page: p } = await app.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = p;
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) pageErrors.push(msg.text());
    });
  });
  afterAll(() => app?.close());

  /** Back to the unfiltered log, and only then on: a filter typed while the page is still changing is lost. */
  const clearFilters = async () => {
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/audit');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  };
  const userRow = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });

  it('signs the administrator in to the users screen', async () => {
    await page.goto('/');
    await page.getByLabel('Access token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await userRow('Ada Admin').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('adds a force analyst and a regional analyst, each with their scope', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Jo Force');
    await page.getByLabel('Role', { exact: true }).selectOption('FORCE_ANALYST');
    await page.getByLabel('Force', { exact: true }).selectOption('LEI');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('status').filter({ hasText: 'Added Jo Force.' }).waitFor();
    expect(await userRow('Jo Force').getByRole('cell').allTextContents()).toEqual([
      'Jo Force', 'Force analyst', 'LEI (Leicestershire)', expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/), 'Active', expect.stringContaining('Tokens'),
    ]);

    await page.getByLabel('Name', { exact: true }).fill('Rae Region');
    await page.getByLabel('Role', { exact: true }).selectOption('ROCU_ANALYST');
    expect(await page.getByLabel('Force', { exact: true }).count()).toBe(0);
    await page.getByLabel('Region', { exact: true }).selectOption('EAST_MIDLANDS');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('status').filter({ hasText: 'Added Rae Region.' }).waitFor();
    expect(await userRow('Rae Region').getByRole('cell').nth(2).textContent()).toBe('East midlands');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin-01-users');
  });

  it("says why a user cannot be added, in the service's words", async () => {
    await page.getByLabel('Name', { exact: true }).fill('Jo Force');
    await page.getByLabel('Role', { exact: true }).selectOption('NCLCC_ANALYST');
    await page.getByRole('button', { name: 'Add user' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Not added:' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('A user named "Jo Force" already exists.');
  });

  it('issues a token shown once, with a button that copies it', async () => {
    await page.getByRole('link', { name: 'Tokens of Jo Force' }).click();
    await page.getByRole('heading', { name: 'Tokens of Jo Force' }).waitFor();
    await page.getByText('No tokens have been issued to this user.').waitFor();
    await page.getByLabel('Label (optional)', { exact: true }).fill('office desktop');
    await page.getByLabel('Valid for (days)', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const shown = page.getByLabel('New token', { exact: true });
    await shown.waitFor();
    issuedToken = await shown.inputValue();
    expect(issuedToken).toMatch(/^clim_[\w-]{40,}$/);
    await page.getByText('it will not be shown again').waitFor();
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(issuedToken);
    const row = page.getByRole('row').filter({ hasText: 'office desktop' });
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('Live');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin-02-token-issued');

    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(issuedToken);
    await page.reload();
    await page.getByRole('heading', { name: 'Tokens of Jo Force' }).waitFor();
    await row.waitFor();
    expect(await page.content()).not.toContain(issuedToken);
  });

  it("revokes the token, and the analyst's console session made with it ends", async () => {
    // The analyst signs in with the new token in a browser of their own.
    const analyst = await app.newPage();
    await analyst.page.goto('/');
    await analyst.page.getByLabel('Access token').fill(issuedToken);
    await analyst.page.getByRole('button', { name: 'Sign in' }).click();
    await analyst.page.getByText('(force analyst, LEI)').waitFor();

    await page.getByRole('button', { name: 'Revoke token office desktop' }).click();
    await page.getByRole('group', { name: 'Confirm revoking token office desktop' }).getByRole('button', { name: 'Yes, revoke' }).click();
    const row = page.getByRole('row').filter({ hasText: 'office desktop' });
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toMatch(/^Revoked \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);

    expect((await analyst.page.request.get('/api/v1/session')).status()).toBe(401);
    await analyst.page.reload();
    await analyst.page.getByLabel('Access token').waitFor();
    await analyst.context.close();
    await screenshot(page, 'admin-03-token-revoked');
  });

  it('disables a user after asking, and their other tokens stop working', async () => {
    const { token } = await app.ctx.app.services.users.issueToken('Rae Region');
    const asRae = () => app.ctx.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: `Bearer ${token}` } });
    expect((await asRae()).statusCode).toBe(200);
    await page.getByRole('link', { name: 'All users' }).click();
    await page.getByRole('button', { name: 'Disable Rae Region' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm disabling Rae Region' });
    expect(await confirm.textContent()).toContain('stop working at once');
    await confirm.getByRole('button', { name: 'Yes, disable Rae Region' }).click();
    await expect.poll(() => userRow('Rae Region').getByRole('cell').nth(4).textContent()).toBe('Disabled');
    expect(await userRow('Rae Region').getByRole('button', { name: /Disable/ }).count()).toBe(0);
    expect((await asRae()).statusCode).toBe(401);
  });

  it('shows the audit log newest first, filtered by user, action, target and time', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const entries = page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') });
    await expect.poll(() => entries.count()).toBeGreaterThan(5);

    await page.getByLabel('User', { exact: true }).selectOption({ label: 'Jo Force' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(async () => new Set((await entries.allTextContents()).map((t) => t.includes('Jo Force')))).toEqual(new Set([true]));
    expect((await entries.allTextContents()).some((t) => t.includes('session.sign_in'))).toBe(true);
    await screenshot(page, 'admin-04-audit-by-user');

    await clearFilters();
    await page.getByLabel('Action', { exact: true }).fill('tokens.revoke');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => entries.count()).toBe(1);
    const revoked = await entries.first().getByRole('cell').allTextContents();
    expect(revoked).toEqual([expect.any(String), 'Ada Admin', 'tokens.revoke', expect.stringMatching(/^POST \/api\/v1\/admin\/tokens\/[0-9a-f-]{36}\/revoke$/), expect.stringMatching(/^token [0-9a-f-]{36}$/), '204', '127.0.0.1']);

    const tokenId = revoked[4]!.replace('token ', '');
    await clearFilters();
    await page.getByLabel('Target id', { exact: true }).fill(tokenId);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(async () => (await entries.allTextContents()).every((t) => t.includes(tokenId))).toBe(true);
    expect(await entries.count()).toBeGreaterThanOrEqual(1);

    // Everything up to a minute before the administrator signed in: nothing yet.
    await clearFilters();
    await page.getByLabel('To', { exact: true }).fill('2020-01-01T00:00');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No entries match these filters.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('pages through a long audit log', async () => {
    const analyst = await app.ctx.login('NCLCC_ANALYST');
    for (let i = 0; i < 60; i++) await app.ctx.app.inject({ method: 'GET', url: `/api/v1/returns?page=${i}`, headers: analyst.headers });
    // The audit log is written in batches: every entry is in before the first page is read, or the pages overlap.
    await app.ctx.app.services.audit.drain();
    await clearFilters();
    await page.getByLabel('Action', { exact: true }).fill('returns.list');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('action=returns.list');
    const entries = page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') });
    // The unfiltered log has 50 rows too: wait for the filtered ones.
    await expect.poll(async () => (await entries.allTextContents()).filter((t) => t.includes('returns.list')).length).toBe(50);
    const firstPage = await entries.allTextContents();
    await page.getByRole('button', { name: 'Older entries' }).click();
    const total = (await app.ctx.app.services.audit.list({ action: 'returns.list', limit: 1000 })).length;
    expect(total).toBeGreaterThan(50);
    await expect.poll(() => entries.count()).toBe(total - 50);
    const secondPage = await entries.allTextContents();
    expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
    expect(await page.getByRole('button', { name: 'Older entries' }).count()).toBe(0);
    await screenshot(page, 'admin-05-audit-older');
    await page.getByRole('link', { name: 'Newest entries' }).click();
    await expect.poll(() => entries.count()).toBe(50);
    expect(await entries.first().textContent()).toBe(firstPage[0]);
    expect(pageErrors).toEqual([]);
  });
});
