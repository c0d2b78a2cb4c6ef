import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, chromiumMissing, screenshot, startConsole, type Console } from './browser.js';

// Issue #9: every failure reaches the analyst as a sentence, never a blank page
// or raw JSON. The 413 is the real service's (a small upload limit); a database
// that has gone away (503), a flood (429) and a proxy's HTML error page (502)
// are answered by the browser's network layer, since this app cannot be made to
// give them on cue on both databases.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.skipIf(chromiumMissing)(`the console's error messages in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, () => {
  let app: Console;
  let page: Page;

  beforeAll(async () => {
    app = await startConsole({ env: { UPLOAD_MAX_BYTES: String(64 * 1024) } });
    const { users } = app.ctx.app.services;
    const analyst = await users.addUser({ name: 'Kim Analyst', role: 'FORCE_ANALYST', force: 'LEI' });
    const { token } = await users.issueToken(analyst.id);
    ({ page } = await app.newPage());
    await page.goto('/');
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });
  afterAll(() => app?.close());

  it('says a dropped file is too large (413) in the service’s words', async () => {
    await page.goto('/#/upload');
    await page.getByRole('heading', { name: 'Upload a return' }).waitFor();
    // Drag and drop: a file dropped anywhere on the page is uploaded.
    await page.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'huge.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [...randomBytes(200 * 1024)]);
    const alert = page.getByRole('alert').filter({ hasText: 'huge.xlsx was not taken in' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The workbook is larger than the service accepts (64 KB)');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'error-413');
  });

  it('shows a 503 with the service’s message instead of the month', async () => {
    await page.route('**/api/v1/compliance*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'db.unavailable', message: 'The database is not answering.' } }) }),
    );
    await page.goto('/#/?month=2024-03');
    await page.getByRole('alert').filter({ hasText: 'The database is not answering.' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.unroute('**/api/v1/compliance*');
  });

  it('explains a 429 and a proxy’s HTML error page in plain words', async () => {
    await page.route('**/api/v1/returns?*', (route) => route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests: wait a minute.' } }) }));
    await page.goto('/#/history?month=2024-03');
    await page.getByRole('alert').filter({ hasText: 'Too many requests: wait a minute.' }).waitFor();
    await page.unroute('**/api/v1/returns?*');

    await page.route('**/api/v1/returns', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }));
    await page.goto('/#/upload');
    await page.getByLabel('Return file').setInputFiles({ name: 'small.xlsx', mimeType: XLSX, buffer: Buffer.from('x') });
    const alert = page.getByRole('alert').filter({ hasText: 'small.xlsx was not taken in' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The service is not answering. Try again shortly.');
    expect(await alert.textContent()).not.toContain('<');
    await page.unroute('**/api/v1/returns');
  });

  it('keeps a failed download on the page with its reason', async () => {
    await page.route('**/api/v1/template.xlsx', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'db.unavailable', message: 'The database is not answering.' } }) }));
    await page.goto('/#/');
    await page.getByRole('button', { name: 'Download template' }).click();
    await page.getByRole('alert').filter({ hasText: 'The database is not answering.' }).waitFor();
    expect(page.url()).toMatch(/#\/$/);
  });
});
