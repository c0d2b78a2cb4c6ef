import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from '../helpers/test-database.js';

// On PGlite a statement runs on the event loop; a long chain of them must not keep a request that arrives
// meanwhile from being read and answered until the chain ends (issue #12.1). On PostgreSQL this holds anyway.
describe('statements take turns with requests', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('answers a request that arrives during a chain of statements before the chain ends', async () => {
    const server = createServer((_req, res) => {
      void database.db.execute(sql`select 1`).then(() => res.end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    let chainDone = false;
    let statements = 0;
    const chain = (async () => {
      for (let i = 0; i < 150; i++) {
        await database.db.execute(sql`select count(*) from generate_series(1, 20000)`);
        statements++;
      }
      chainDone = true;
    })();
    try {
      // The request goes once the chain is under way (without turns, PGlite runs it all before this looks).
      while (statements === 0) await new Promise((r) => setImmediate(r));
      const answer = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      expect(answer).toBe('ok');
      expect(chainDone).toBe(false);
    } finally {
      await chain;
      server.close();
    }
  });
});
