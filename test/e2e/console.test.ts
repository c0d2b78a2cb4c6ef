import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx, validReturn } from '../matrix/fixtures.js';
import { accessibilityProblems, chromiumMissing, screenshot, startConsole, type Console, signIn as signInAs } from './browser.js';

// Issue #9: an analyst's month in the browser, end to end, against the real app
// and database: the administrator adds the analyst and issues their token in the
// console, the analyst signs in with it, a broken return pinned to its cell, the annotated
// workbook, the fixed return accepted as version 1 and current, the history,
// signing out and a stale cookie refused. Every screen is checked with axe.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.skipIf(chromiumMissing)(`the console in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, () => {
  let app: Console;
  let page: Page;
  let analystToken = '';
  let adminToken = '';
  let regionalToken = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startConsole();
    const { users } = app.ctx.app.services;
    const admin = await users.addUser({ name: 'Alex Admin', role: 'ADMIN' });
    adminToken = (await users.issueToken(admin.id)).token;
    const regional = await users.addUser({ name: 'Robin Regional', role: 'ROCU_ANALYST', region: 'EAST_MIDLANDS' });
    regionalToken = (await users.issueToken(regional.id)).token;
    ({ page } = await app.newPage());
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) pageErrors.push(msg.text());
    });
  });
  afterAll(() => app?.close());

  const nav = { getByRole: (role: 'link', opts: { name: string }) => page.getByRole('navigation', { name: 'Main' }).getByRole(role, opts) };

  const signIn = (token: string) => signInAs(page, token);

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').waitFor();
  }

  it('shows a signed-out visitor the sign-in form, and says why a wrong token is refused', async () => {
    await page.goto('/');
    await page.getByLabel('Access token').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Access token').fill('clim_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/token/i);
    expect(await alert.textContent()).not.toContain('{');
  });

  it('lets the administrator in to administration only, where they add the force analyst and issue their token', async () => {
    await signIn(adminToken);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(await page.getByRole('link', { name: /upload/i }).count()).toBe(0);
    await page.getByLabel('Name', { exact: true }).fill('Sam Analyst');
    await page.getByLabel('Role', { exact: true }).selectOption('FORCE_ANALYST');
    await page.getByLabel('Force', { exact: true }).selectOption('LEI');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('cell', { name: 'Sam Analyst', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Tokens of Sam Analyst' }).click();
    await page.getByRole('button', { name: 'Issue token' }).click();
    const shown = page.getByLabel('New token', { exact: true });
    await shown.waitFor();
    analystToken = await shown.inputValue();
    expect(analystToken).toMatch(/^clim_/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '02-admin');
    await page.getByRole('button', { name: 'Done' }).click();
    await signOut();
  });

  it('signs the analyst in by keyboard alone and shows their force for the month', async () => {
    await page.goto('/');
    await page.getByLabel('Access token').focus();
    await page.keyboard.type(analystToken);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByLabel('Reporting month').selectOption('2024-03');
    await page.getByRole('heading', { name: 'March 2024: LEI' }).waitFor();
    await page.getByText('Missing: nothing has been uploaded for this month yet.').waitFor();
    expect(await page.getByRole('button', { name: 'Download template' }).isVisible()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '03-this-month-missing');
  });

  it('downloads the template', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download template' }).click()]);
    expect(download.suggestedFilename()).toBe('county-lines-matrix-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('Lines');
  });

  let rejectedFile: Buffer;
  it('rejects a broken return, with the problem pinned to its cell among its neighbours', async () => {
    const broken = validReturn();
    broken.lines.rows[0]['Deal Numbers'] = '0771 234';
    rejectedFile = await toXlsx(broken);
    await nav.getByRole('link', { name: 'Upload' }).click();
    await page.getByRole('heading', { name: 'Upload a return' }).waitFor();
    await page.getByLabel('Return file').setInputFiles({ name: 'march-broken.xlsx', mimeType: XLSX, buffer: rejectedFile });
    await page.getByRole('heading', { name: 'Rejected' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/rejected: \d+ errors? to fix/);

    // Pinned to its cell: the rule, the sheet, the cell as text and the value as written.
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^Lines!C2:/ }) });
    expect(await row.count()).toBe(1);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual(['Error', 'V2-LINE-NUMBER', 'Lines', 'Lines!C2', '0771 234', expect.stringMatching(/\w/)]);

    // Filtering by severity keeps only errors; by a sheet with none, nothing.
    await page.getByLabel('Severity').selectOption('error');
    expect(await page.getByRole('cell', { name: 'Warning', exact: true }).count()).toBe(0);
    await page.getByLabel('Severity').selectOption('');

    // The row around the cell, read from the workbook the analyst chose.
    await page.getByRole('button', { name: /^Lines!C2:/ }).click();
    const grid = page.locator('table.grid');
    await grid.waitFor();
    expect(await grid.locator('[aria-current="true"]').textContent()).toBe('0771 234');
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(await grid.locator('tr.header-row').textContent()).toContain('Deal Numbers');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '04-upload-rejected');
  });

  it('downloads the annotated workbook of the rejected upload', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download annotated workbook' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('Validation');
    const cell = wb.getWorksheet('Lines')!.getCell('C2');
    expect(cell.text).toBe('0771 234');
    expect(JSON.stringify(cell.note)).toContain('V2-LINE-NUMBER');
  });

  it('accepts the fixed return, chosen by keyboard, as version 1 and current', async () => {
    const fixed = await toXlsx(validReturn());
    // Listening for the chooser before the focus's round trip means the browser is told to hand it
    // over before the key is pressed (pressed at once, the key raced that message: failed once in CI).
    const chooserOpened = page.waitForEvent('filechooser');
    const field = page.getByLabel('Return file');
    await field.focus();
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    const chooser = await chooserOpened;
    await chooser.setFiles({ name: 'march-fixed.xlsx', mimeType: XLSX, buffer: fixed });
    await page.getByRole('heading', { name: 'Accepted as version 1 for March 2024' }).waitFor();
    await page.getByText('Version 1 is now the current return for LEI, March 2024.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '05-upload-accepted');

    await nav.getByRole('link', { name: 'This month' }).click();
    await page.getByLabel('Reporting month').selectOption('2024-03');
    await page.getByText(/^Accepted: version 1 is current, uploaded \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/).waitFor();
    await screenshot(page, '06-this-month-accepted');
  });

  it('lists both uploads in the history, each with its workbooks', async () => {
    await nav.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    const rows = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Original' }) });
    await expect.poll(() => rows.count()).toBe(2);
    const statuses = (await rows.allTextContents()).map((t) => (t.includes('Accepted v1 (current)') ? 'accepted' : t.includes('Rejected') ? 'rejected' : t));
    expect(statuses).toEqual(['accepted', 'rejected']);
    expect(await rows.first().textContent()).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(await rows.first().textContent()).toContain('March 2024');
    expect(await rows.first().getByRole('cell').nth(1).textContent()).toBe('Sam Analyst');
    const [download] = await Promise.all([page.waitForEvent('download'), rows.nth(1).getByRole('button', { name: 'Original' }).click()]);
    expect(readFileSync((await download.path())!).equals(rejectedFile)).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '07-history');

    await rows.nth(1).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'LEI, March 2024: Rejected' }).waitFor();
    await page.getByRole('button', { name: /^Lines!C2:/ }).click();
    expect(await page.locator('table.grid [aria-current="true"]').textContent()).toBe('0771 234');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '08-report');
  });

  it('says what went wrong when a file is not a workbook, never raw JSON', async () => {
    await nav.getByRole('link', { name: 'Upload' }).click();
    await page.getByLabel('Return file').setInputFiles({ name: 'notes.xlsx', mimeType: XLSX, buffer: Buffer.from('these are not the figures') });
    const alert = page.getByRole('alert').filter({ hasText: 'notes.xlsx was not taken in' });
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/[{}]/);
  });

  it('signs out, and the old session cookie is refused afterwards', async () => {
    const before = (await page.context().cookies()).find((c) => c.name === 'clim_session');
    expect(before?.httpOnly).toBe(true);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(analystToken);
    await signOut();
    expect((await page.context().cookies()).find((c) => c.name === 'clim_session')).toBeUndefined();

    // Someone who kept the cookie gets nothing with it.
    await page.context().addCookies([before!]);
    const res = await page.request.get('/api/v1/returns');
    expect(res.status()).toBe(401);
    await page.reload();
    await page.getByLabel('Access token').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("shows a regional analyst their region's forces read-only, without upload", async () => {
    await signIn(regionalToken);
    await page.getByLabel('Reporting month').selectOption('2024-03');
    await page.getByRole('heading', { name: 'Returns for March 2024' }).waitFor();
    const lei = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Leicestershire/ }) });
    expect(await lei.getByRole('cell').first().textContent()).toBe('Accepted');
    expect(await page.getByRole('link', { name: /upload/i }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, '09-regional');
    await signOut();
  });
});
