import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../matrix/fixtures.js';
import { d, forceReturn, lineRow, nominalRow, ok } from '../helpers/regional-returns.js';
import type { TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';
import { accessibilityProblems, chromiumMissing, screenshot, startConsole, type Console, signIn as signInAs } from './browser.js';

// Issue #10, the ROCU analyst's part, in the browser against the real app and
// database: the East Midlands forces upload through the API; the analyst sees
// the region at a glance, runs a merge and watches it finish, decides the
// Okafor pair with the keyboard (and undoes and redoes it), re-runs, and the
// two records are one person; then finds people and lines, adds the ROCU's
// own data, downloads the regional return. axe checks every screen.

type Login = Awaited<ReturnType<TestContext['login']>>;
const OKAFOR_PAIR = 'person:LEI|LEI-N005||NOT|NOT-N9';
const EM = '/api/v1/regions/EAST_MIDLANDS';

/** YYYY-MM of the month `offset` months from now (the service and the browser use the real clock). */
function monthFromNow(offset: number): string {
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}
const MONTH = monthFromNow(-1);
const EARLIER = monthFromNow(-2);
const monthName = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The returns of test/api/regions.test.ts: JAY and BUGZY in LEI and NTH, and a Danny Okafor in NOT who may be LEI's Daniel. */
const leicestershire = (month: string) =>
  forceReturn('LEI', month, [
    lineRow({ 'Line Ref': 'LEI-L001', 'Deal Numbers': '07700 900001' }),
    lineRow({
      'Line Ref': 'LEI-L002', 'Line Name': 'BUGZY', 'Deal Numbers': '+44 7700 900002', 'Exporting Force': 'LEI', 'Exporting Area': 'Leicester',
      'Importing Areas': 'NTH:Corby', 'Investigation Status': 'INTEL_ONLY', 'Handling Code': 'C', 'Handling Conditions': 'Not to be shared outside EMSOU',
    }),
  ], [
    nominalRow({ 'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L001', Role: 'CONTROLLER', Surname: 'SMITH', Forenames: 'John', DOB: d('1990-05-01'), 'PNC ID': '98/1234567L' }),
    nominalRow({ 'Nominal Ref': 'LEI-N001', 'Line Ref': 'LEI-L002', Role: 'LINE_HOLDER', Surname: 'SMITH', Forenames: 'John' }),
    nominalRow({ 'Nominal Ref': 'LEI-N004', 'Line Ref': 'LEI-L001', Surname: 'Ahmed', Forenames: 'Mohammed', DOB: d('2003-04-05') }),
    nominalRow({ 'Nominal Ref': 'LEI-N005', 'Line Ref': 'LEI-L001', Role: 'ASSOCIATE', Surname: 'Okafor', Forenames: 'Daniel', DOB: d('2002-03-11') }),
  ]);
const northamptonshire = (month: string) =>
  forceReturn('NTH', month, [
    lineRow({ 'Line Ref': 'NTH-L1', 'Deal Numbers': '+447700900001', 'Importing Areas': 'NTH:Kettering' }),
    lineRow({
      'Line Ref': 'NTH-L2', 'Line Name': 'BUGZY', 'Deal Numbers': '447700900002', 'Exporting Force': 'LEI', 'Exporting Area': 'Leicester',
      'Importing Areas': 'NTH:Corby', 'Investigation Status': 'INTEL_ONLY',
    }),
  ], [
    nominalRow({ 'Nominal Ref': 'NTH-77', 'Line Ref': 'NTH-L1', Role: 'CONTROLLER', Surname: 'Smyth', Forenames: 'Jon', 'PNC ID': '98/1234567L' }),
    nominalRow({ 'Nominal Ref': 'NTH-78', 'Line Ref': 'NTH-L1', Surname: 'Ahmad', Forenames: 'Muhammad', DOB: d('2003-04-05') }),
    nominalRow({ 'Nominal Ref': 'NTH-79', 'Line Ref': 'NTH-L2', Role: 'LINE_HOLDER', Surname: 'Kerr', Forenames: 'Lee', DOB: d('1999-01-01') }),
  ]);
const nottinghamshire = (month: string) =>
  forceReturn('NOT', month, [
    lineRow({
      'Line Ref': 'NOT-L9', 'Line Name': 'ZED', 'Deal Numbers': '07700 900900', 'Exporting Force': 'MET', 'Exporting Area': 'Brixton',
      'Importing Areas': 'NOT:Nottingham', 'Investigation Status': 'INTEL_ONLY',
    }),
  ], [nominalRow({ 'Nominal Ref': 'NOT-N9', 'Line Ref': 'NOT-L9', Role: 'LINE_HOLDER', Surname: 'Okafor', Forenames: 'Danny' })]);

describe.skipIf(chromiumMissing)(`the ROCU analyst's console in Chromium${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, () => {
  let app: Console;
  let page: Page;
  let rocu: Login;
  const pageErrors: string[] = [];
  const api = (url: string) => app.ctx.app.inject({ method: 'GET', url, headers: rocu.headers });

  beforeAll(async () => {
    app = await startConsole();
    const { ctx } = app;
    const send = async (force: string, file: Buffer, status = 201) => {
      const analyst = await ctx.login('FORCE_ANALYST', { force });
      ok(await upload(ctx.app, analyst.headers, file), status);
    };
    await send('LEI', await toXlsx(leicestershire(EARLIER)));
    const broken = northamptonshire(EARLIER);
    broken.lines.rows[0]!['Deal Numbers'] = '0771 234';
    await send('NTH', await toXlsx(broken), 422);
    await send('LEI', await toXlsx(leicestershire(MONTH)));
    await send('NTH', await toXlsx(northamptonshire(MONTH)));
    await send('DER', await toXlsx(forceReturn('DER', MONTH, [], [])));
    await send('NOT', await toXlsx(nottinghamshire(MONTH)));
    rocu = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    ({ page } = await app.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) pageErrors.push(msg.text());
    });
  });
  afterAll(() => app?.close());
  // A failing step leaves a picture of the screen it failed on (git-ignored, like the others).
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `rocu-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  const signIn = (token: string) => signInAs(page, token);
  const regionTab = (name: string) => page.getByRole('navigation', { name: 'Regional screens' }).getByRole('link', { name });

  it('shows the region at a glance: each force by month, each cell opening that return, and the month now due', async () => {
    await signIn(rocu.token);
    await page.getByRole('link', { name: 'Region', exact: true }).click();
    await page.getByRole('heading', { name: 'East Midlands (EMSOU) at a glance' }).waitFor();
    const grid = page.getByRole('table', { name: /Returns of each force for the 12 months up to/ });
    await grid.waitFor();
    expect(await grid.getByRole('row').count()).toBe(1 + 5);
    const cell = (force: string, month: string) => grid.getByRole('row', { name: new RegExp(force) }).getByRole('link', { name: new RegExp(`: \\w+, ${monthName(month)}$`) });
    expect(await cell('Leicestershire', MONTH).textContent()).toBe('v1');
    expect(await cell('Derbyshire', MONTH).textContent()).toBe('nil');
    expect(await cell('Lincolnshire', MONTH).textContent()).toBe('missing');
    expect(await cell('Northamptonshire', EARLIER).textContent()).toBe('rejected');
    expect(await cell('Northamptonshire', EARLIER).getAttribute('aria-label')).toBe(`Rejected only (nothing accepted): Northamptonshire, ${monthName(EARLIER)}`);
    const due = page.getByRole('region', { name: `Returns for ${monthName(MONTH)}` });
    expect(await due.textContent()).toMatch(/Due by \d\d\/\d\d\/\d{4}.*4 of 5 forces in\..*Still to come: Lincolnshire \(nothing uploaded\)/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'rocu-01-glance');

    // A cell opens the return's history.
    await cell('Northamptonshire', EARLIER).click();
    await page.getByRole('heading', { name: `History for ${monthName(EARLIER)}` }).waitFor();
    await page.getByRole('cell', { name: 'Rejected' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'East Midlands (EMSOU) at a glance' }).waitFor();
  });

  it('runs a merge from the console, showing its progress by stage, then what it found', async () => {
    await regionTab('Merge').click();
    await page.getByRole('heading', { name: 'Merge East Midlands (EMSOU)' }).waitFor();
    expect(await page.getByLabel('Month to merge').inputValue()).toBe(MONTH);
    // A merge this small ends before the first poll; the polls' answers are held back to the
    // first three stages (resolving), as a long merge would answer, until the running state has been seen.
    let holding = true;
    await page.route('**/api/v1/jobs/*', async (route) => {
      const res = await route.fetch();
      if (!holding) return route.fulfill({ response: res });
      const job = await res.json();
      const stages = job.stages.slice(0, 3);
      await route.fulfill({ response: res, json: { ...job, status: 'running', stage: stages.at(-1).stage, stages, finishedAt: null, result: null } });
    });
    await page.getByRole('button', { name: 'Run merge' }).click();
    // The job's stages are listed as they pass; the status line speaks the current one.
    await page.getByRole('status').filter({ hasText: 'Reading the returns and resolving people and lines across forces… (stage 3 of 4)' }).waitFor();
    expect(await page.getByRole('heading', { name: `Merging ${monthName(MONTH)}…` }).count()).toBe(1);
    expect(await page.getByRole('listitem').filter({ hasText: 'Reading the returns and resolving people and lines across forces' }).textContent()).toMatch(/in progress \(3 returns, 8 nominal rows, 1 return of the two months before\)/);
    await screenshot(page, 'rocu-02a-merge-running');
    holding = false;
    await page.getByRole('heading', { name: 'Merge finished' }).waitFor();
    await page.unroute('**/api/v1/jobs/*');
    expect(await page.getByRole('status').filter({ hasText: /^Finished \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/ }).count()).toBe(1);
    expect(await page.locator('progress').getAttribute('value')).toBe(await page.locator('progress').getAttribute('max'));

    const stats = page.getByRole('table', { name: 'People and lines before and after resolution' });
    expect(await stats.getByRole('row', { name: /^People/ }).getByRole('cell').allTextContents()).toEqual(['8', '7', '5', '2 pairs']);
    expect(await stats.getByRole('row', { name: /^Lines/ }).getByRole('cell').allTextContents()).toEqual(['5', '5', '3', '2 pairs']);
    await page.getByText('Review pairs waiting: 1').waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Missing returns:' }).textContent()).toContain('Lincolnshire (LIN)');
    expect(await page.getByRole('listitem').filter({ hasText: 'Nil returns:' }).textContent()).toContain('Derbyshire (DER)');

    // Deconfliction: the forces and refs to contact.
    await page.getByRole('heading', { name: 'Deconfliction alerts: 3' }).waitFor();
    const jay = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'JAY' }) });
    expect(await jay.textContent()).toContain('Leicestershire (LEI): LEI-L001');
    expect(await jay.textContent()).toContain('Northamptonshire (NTH): NTH-L1');
    expect(await page.getByText(/Conditions set in this merge: “Not to be shared outside EMSOU”/).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'rocu-02-merge');

    // A job the service no longer knows (kept an hour): the service's own words, and the stored merges still listed.
    const mergeUrl = page.url();
    await page.goto('/#/region/merge?job=00000000-0000-4000-8000-000000000000');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe("The merge's progress could not be read. No such job: it may have finished more than an hour ago.");
    await page.getByRole('table', { name: 'Merges of the region, newest first' }).waitFor();
    await page.goto(mergeUrl);
  });

  it('works the review queue by keyboard alone: evidence in words, decide, undo, decide again', async () => {
    await regionTab('Review queue').focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: 'Pair 1 of 1: the same person?' });
    await heading.waitFor();
    const pair = page.getByRole('region', { name: 'Pair 1 of 1: the same person?' });
    const side = pair.getByRole('table', { name: 'The two records side by side' });
    expect(await side.getByRole('row', { name: /^Forenames/ }).getByRole('cell').allTextContents()).toEqual(['Daniel', 'Danny']);
    expect(await side.getByRole('row', { name: /^Date of birth/ }).getByRole('cell').allTextContents()).toEqual(['11/03/2002', 'not recorded']);
    expect(await side.getByRole('row', { name: /^Lines/ }).getByRole('cell').allTextContents()).toEqual(['JAY (LEI-L001)', 'ZED (NOT-L9)']);
    const text = (await pair.textContent()) ?? '';
    expect(text).toContain('forenames are forms of one name: DANIEL / DANNY');
    expect(text).toContain('same surname OKAFOR');
    expect(text).toMatch(/too strong to keep them apart and too weak to join them/);
    expect(text).not.toMatch(/BETWEEN_THRESHOLDS|BLOCKED_BY_CONSTRAINT|NICKNAME_OR_VARIANT|sharedLine|\bEXACT\b|MISSING/);
    for (const [name, key] of [['Same person', 'S'], ['Different people', 'D'], ['Not sure', 'N']]) {
      expect(await pair.getByRole('button', { name: new RegExp(`^${name}`) }).getAttribute('aria-keyshortcuts')).toBe(key);
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'rocu-03-review');

    // One key decides the pair on screen.
    await page.keyboard.press('s');
    await page.getByRole('status').filter({ hasText: 'Okafor, Daniel (LEI) and Okafor, Danny (NOT): same.' }).waitFor();
    const decisions = page.getByRole('table', { name: /Pairs of this queue with a decision in force/ });
    await decisions.waitFor();
    expect(await decisions.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
      'Okafor, Daniel (LEI) and Okafor, Danny (NOT)', 'Same person', expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/), 'you', 'Undo',
    ]);

    // Undo by keyboard: tab to the button and press Enter.
    const undo = decisions.getByRole('button', { name: /^Undo the decision on/ });
    await undo.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'undone' }).waitFor();
    await decisions.waitFor({ state: 'detached' });
    expect(ok(await api(`${EM}/review`)).pairs[0].decision).toBeNull();

    await page.keyboard.press('s');
    await decisions.waitFor();
    expect(ok(await api(`${EM}/review`)).pairs.map((p: { id: string; decision: { decision: string } | null }) => [p.id, p.decision?.decision])).toEqual([[OKAFOR_PAIR, 'same']]);
    await page.getByText('Decisions take effect when the merge is run again').waitFor();
  });

  it('re-runs the merge, after which the two records are one person', async () => {
    await page.getByRole('link', { name: 're-run the merge to see their effect' }).click();
    await page.getByRole('button', { name: 'Run merge' }).click();
    await page.getByRole('heading', { name: 'Merge finished' }).waitFor();
    await page.getByText('Review pairs waiting: 0').waitFor();
    await page.getByText(/1 review decision applied/).waitFor();
    expect(await page.getByRole('table', { name: 'Merges of the region, newest first' }).getByRole('row').count()).toBe(1 + 2);

    const [latest] = ok(await api(`${EM}/merges`)).merges;
    const { people }: { people: { id: string; records: { key: string }[] }[] } = ok(await api(`${EM}/merges/${latest.id}/people?limit=1000`));
    const okafor = people.find((p) => p.records.some((r) => r.key === 'LEI|LEI-N005'))!;
    expect(okafor.records.map((r) => r.key)).toEqual(['LEI|LEI-N005', 'NOT|NOT-N9']);
  });

  it('finds people and lines by name, PNC ID, deal number or line name, each with its provenance', async () => {
    await regionTab('People and lines').click();
    const search = page.getByLabel('Search by name, PNC ID, deal number or line name');
    await page.getByRole('status').filter({ hasText: '4 people and 3 lines in the merge.' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'BUGZY' }).getByRole('cell').nth(1).textContent()).toBe('07700 900002');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'rocu-04-people');
    await search.fill('okafor');
    await page.getByRole('status').filter({ hasText: '1 person and 0 lines match.' }).waitFor();
    await search.fill('98/1234567L');
    await page.getByRole('status').filter({ hasText: '1 person and 0 lines match.' }).waitFor();
    await search.fill('07700 900001');
    await page.getByRole('status').filter({ hasText: '0 people and 1 line match.' }).waitFor();
    await search.fill('bugzy');
    await page.getByRole('status').filter({ hasText: '0 people and 1 line match.' }).waitFor();

    await page.getByRole('link', { name: 'BUGZY' }).click();
    await page.getByRole('heading', { name: /^Line BUGZY/ }).waitFor();
    await page.getByText('Handling conditions: Not to be shared outside EMSOU').waitFor();
    const bugzyRows = page.getByRole('table', { name: 'What the forces reported, and where' });
    expect(await bugzyRows.getByRole('row', { name: /Deal numbers/ }).textContent()).toContain(`LEI, ${monthName(MONTH)}, Lines row 3; NTH, ${monthName(MONTH)}, Lines row 3`);
    await page.getByRole('table', { name: 'People on the line, with role and provenance' }).waitFor();
    // A line takes an OCG URN or a note; a link between people is not offered for it.
    expect(await page.getByLabel('A link to another person').count()).toBe(0);
    await page.getByLabel('OCG URN', { exact: true }).fill('OCG-EM-12');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'OCG URN OCG-EM-12 — added by' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await regionTab('People and lines').click();
    await search.fill('okafor');
    await page.getByRole('link', { name: 'Okafor, Daniel' }).click();
    await page.getByRole('heading', { name: /^Okafor, Daniel/ }).waitFor();
    const reported = page.getByRole('table', { name: 'What the forces reported, and where' });
    expect(await reported.getByRole('row', { name: /^Forenames/ }).textContent()).toContain(`Daniel`);
    expect(await reported.getByRole('row', { name: /Danny/ }).textContent()).toContain(`NOT, ${monthName(MONTH)}, Nominals row 2`);
    expect(await page.getByRole('table', { name: 'Force records joined here' }).getByRole('row').count()).toBe(1 + 2);
    await page.getByText('LEI LEI-N005 and NOT NOT-N9: an analyst decided they are the same').waitFor();
    await page.getByRole('table', { name: 'Lines the person is on, with role and provenance' }).getByRole('row').nth(2).waitFor();
  });

  it("adds the ROCU's own OCG URN and a link to another person, shown as the ROCU's own data from the next merge", async () => {
    await page.getByLabel('OCG URN', { exact: true }).fill('OCG-EM-77');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'OCG URN OCG-EM-77 — added by' }).waitFor();

    await page.getByLabel('A link to another person').check();
    await page.getByLabel('Okafor, Daniel…').selectOption('EXPLOITS');
    await page.getByLabel('Find the other person (name or id)').fill('kerr');
    const target = page.getByLabel('The other person', { exact: true });
    await target.selectOption({ index: 1 });
    expect(await target.locator('option:checked').textContent()).toMatch(/^Kerr, Lee, born 01\/01\/1999 — NTH — P-/);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Okafor, Daniel exploits Kerr, Lee — added by' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'rocu-05-person');

    // From the next merge the URN is on the person, marked as the ROCU's own.
    const okaforUrl = page.url();
    await regionTab('Merge').click();
    await page.getByRole('button', { name: 'Run merge' }).click();
    await page.getByRole('heading', { name: 'Merge finished' }).waitFor();
    await page.goto(okaforUrl);
    await page.getByRole('heading', { name: /^Okafor, Daniel/ }).waitFor();
    const own = page.getByRole('list').filter({ hasText: 'OCG URN OCG-EM-77' });
    expect(await own.textContent()).toContain('EMSOU’s own');
    const links = page.getByRole('listitem').filter({ hasText: 'This person exploits Kerr, Lee' });
    await links.waitFor();
    expect(await links.textContent()).toContain('EMSOU’s own');
  });

  it('downloads the regional return from the merge, with the handling conditions note', async () => {
    await regionTab('Merge').click();
    await page.getByText(/Handling conditions: the workbook carries/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the regional return (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toBe(`regional-return-EAST_MIDLANDS-${MONTH}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Lines', 'Nominals', 'Deconfliction', 'Missing Returns']));
  });

  it('lists people on several lines with no recorded direction', async () => {
    await regionTab('Direction worklist').click();
    await page.getByRole('heading', { name: 'People on several lines with no recorded direction' }).waitFor();
    const smith = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'JOHN SMITH' }) });
    await smith.waitFor();
    expect((await smith.getByRole('cell').nth(1).textContent())?.split(', ').sort()).toEqual(['BUGZY', 'JAY']);
    expect(await smith.textContent()).toContain(`LEI LEI-N001 (${monthName(EARLIER)}, ${monthName(MONTH)}); NTH NTH-77 (${monthName(MONTH)})`);
    // Okafor now has a recorded direction (the link added above), so he is no longer on the list.
    expect(await page.getByRole('link', { name: 'DANIEL OKAFOR' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'rocu-06-worklist');
  });

  it('lets the co-ordination centre choose a region or the nation, and offers a force analyst none of it', async () => {
    const nclcc = await app.ctx.login('NCLCC_ANALYST');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(nclcc.token);
    await page.getByRole('link', { name: 'Region', exact: true }).click();
    await page.getByRole('heading', { name: 'National (every force) at a glance' }).waitFor();
    await page.getByLabel('Region', { exact: true }).selectOption('EAST_MIDLANDS');
    await page.getByRole('heading', { name: 'East Midlands (EMSOU) at a glance' }).waitFor();
    await regionTab('Review queue').click();
    await page.getByText(/from the merge of/).waitFor();
    expect(page.url()).toContain('region=EAST_MIDLANDS');

    const analyst = await app.ctx.login('FORCE_ANALYST', { force: 'LEI' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(analyst.token);
    expect(await page.getByRole('link', { name: 'Region', exact: true }).count()).toBe(0);
    await page.goto('/#/region/review');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
