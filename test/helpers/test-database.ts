import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { adminUrl, withDatabase } from './pg-url.js';

/** A fresh, migrated database of this test file's own (see global-setup.ts). */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  const pgTemplate = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (pgTemplate && url) {
    const name = `${inject('pgPrefix')}_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"`);
        break;
      } catch (err) {
        // Two files copying the template at once: PostgreSQL refuses the second; wait and retry.
        if (attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const database = await openDatabase({ url: withDatabase(url, name) });
    return {
      ...database,
      url: withDatabase(url, name),
      async close() {
        await database.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const file = inject('pgliteTemplate');
  if (!file) throw new Error('global setup did not prepare a template database');
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(file)]) });
}
