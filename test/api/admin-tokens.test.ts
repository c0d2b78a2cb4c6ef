import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// The administrator's view of a user's tokens (the console's token screen):
// enough to tell them apart and revoke one, never the token or its hash.

describe("a user's tokens for the administrator", () => {
  let ctx: TestContext;
  let admin: Awaited<ReturnType<TestContext['login']>>;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await ctx.login('ADMIN');
  });
  afterAll(() => ctx.close());

  const inject = (method: 'GET' | 'POST', url: string, payload?: object) => ctx.app.inject({ method, url, headers: admin.headers, payload });

  it('lists each token with its label and dates, revoked ones marked, oldest first, without the secret', async () => {
    const user = await ctx.app.services.users.addUser({ name: 'token-owner', role: 'NCLCC_ANALYST' });
    const first = (await inject('POST', `/api/v1/admin/users/${user.id}/tokens`, { label: 'laptop', days: 30 })).json();
    const second = (await inject('POST', `/api/v1/admin/users/token-owner/tokens`, { label: 'desktop' })).json();
    expect((await inject('POST', `/api/v1/admin/tokens/${first.id}/revoke`)).statusCode).toBe(204);

    const res = await inject('GET', `/api/v1/admin/users/token-owner/tokens`);
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list).toEqual([
      { id: first.id, label: 'laptop', createdAt: expect.any(String), expiresAt: first.expiresAt, revokedAt: expect.any(String) },
      { id: second.id, label: 'desktop', createdAt: expect.any(String), expiresAt: second.expiresAt, revokedAt: null },
    ]);
    expect(res.body).not.toContain(first.token);
    expect(res.body).not.toMatch(/[0-9a-f]{64}/);
  });

  it('answers 404 for a user that does not exist', async () => {
    const res = await inject('GET', '/api/v1/admin/users/nobody-here/tokens');
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'users.not_found']);
  });
});
