import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/api/app.js';
import { CONSOLE_CSP } from '../../src/api/console.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// Serving the built console from the same process (issue #9): a built
// web/dist stand-in made here, so the test does not depend on a web build.

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
  "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('the console served under /', () => {
  let ctx: TestContext;
  let root: string;
  let dist: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clim-console-'));
    dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(root, 'secret.txt'), 'not for the web');
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log("console");');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    ctx = await createTestContext({ env: { CONSOLE_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });

  it('serves index.html at / with the console CSP, revalidated on every load', async () => {
    expect(CONSOLE_CSP).toBe(CSP);
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff'); // helmet's headers too
  });

  it('answers a page of the single-page app with index.html and the CSP (the SPA fallback)', async () => {
    const res = await get('/returns/2024-03/LEI', html);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-security-policy']).toBe(CSP);
  });

  it('serves hashed assets to be cached for good, and other files to be revalidated', async () => {
    const js = await get('/assets/index-Ab12Cd34.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await get('/favicon.svg');
    expect([icon.statusCode, icon.headers['cache-control']]).toEqual([200, 'no-cache']);
  });

  it('answers a missing file that is not a page with the JSON 404, not index.html', async () => {
    const res = await get('/assets/gone-00000000.js', { accept: '*/*' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route.not_found');
  });

  it('keeps the API\'s JSON 404 under /api, even for a browser asking for HTML', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api/nothing', '/healthz/extra']) {
      const res = await get(url, html);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error).toEqual({ code: 'route.not_found', message: expect.stringContaining(url) });
    }
  });

  it('serves nothing outside the console folder', async () => {
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt']) {
      const res = await get(url, { accept: '*/*' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('not for the web');
    }
  });

  it('needs no sign-in for the console itself, and leaves the API and its docs as they were', async () => {
    expect((await get('/api/v1/returns', html)).statusCode).toBe(401);
    const docs = await get('/docs', html);
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    expect(docs.headers['content-security-policy']).toBeUndefined(); // swagger-ui keeps its inline bootstrap
    expect((await get('/openapi.json')).json().paths['/api/v1/session']).toBeDefined();
  });

  it('says how to build the console when web/dist is missing, with 503 and never a crash', async () => {
    let bare: App | undefined;
    try {
      bare = await buildApp({ config: { ...ctx.config, CONSOLE_DIST_DIR: join(dist, 'not-built') }, database: ctx.database });
      const res = await bare.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('The console has not been built: run <code>npm run build:web</code>');
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect((await bare.inject({ method: 'GET', url: '/some/page', headers: html })).statusCode).toBe(503);
      expect((await bare.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await bare?.close();
    }
  });
});
