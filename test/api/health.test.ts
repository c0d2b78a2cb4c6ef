import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

describe('health and documentation', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('answers healthz while the process is up', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers readyz when the database answers, naming the driver', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json().database).toBe(ctx.database.kind);
  });

  it('serves an OpenAPI document that lists the routes', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/v1/audit');
  });

  it('answers an unknown route with the error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route.not_found');
  });

  it('answers an address the router refuses with the error shape too', async () => {
    const long = await ctx.app.inject({ method: 'POST', url: `/api/v1/regions/EAST_MIDLANDS/review/${'x'.repeat(5000)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: { code: 'request.id_too_long', message: expect.stringMatching(/longer than any id/) } });
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/v1/people/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.bad_url');
  });

  it('sets security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
