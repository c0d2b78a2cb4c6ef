import { buildApp, type App } from '../../src/api/app.js';
import type { UserRole } from '../../src/auth/principal.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from './test-database.js';

export interface TestContext {
  app: App;
  database: Database;
  config: Config;
  /** A new user with this role and scope, and a bearer header for them. */
  login(role: UserRole, scope?: { force?: string; region?: string }): Promise<{ userId: string; token: string; headers: { authorization: string } }>;
  close(): Promise<void>;
}

let userSeq = 0;

/** `database`: a migrated database of the caller's own instead of this file's fresh test database. */
export async function createTestContext(opts: { env?: Record<string, string>; now?: () => Date; database?: Database } = {}): Promise<TestContext> {
  const database = opts.database ?? (await openTestDatabase());
  // Working windows out in advance would only load the machine under tests that do not ask for it.
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '100000', ANALYSIS_PRECOMPUTE: 'off', ...opts.env });
  const app = await buildApp({ config, database, now: opts.now });
  await app.ready();
  return {
    app,
    database,
    config,
    async login(role, scope = {}) {
      const user = await app.services.users.addUser({ name: `${role.toLowerCase()}-${++userSeq}-${process.pid}`, role, ...scope });
      const { token } = await app.services.users.issueToken(user.id);
      return { userId: user.id, token, headers: { authorization: `Bearer ${token}` } };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
