import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../../src/audit/audit.repository.js';
import { createAuditService } from '../../src/audit/audit.service.js';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from '../helpers/test-database.js';

describe('the audit queue', () => {
  let database: Database;
  const errors: unknown[] = [];
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const entry = (over: Record<string, unknown> = {}) => ({ method: 'GET', route: '/api/v1/people/:id', action: 'person.read', status: 404, ...over });

  it('stores an entry naming a hostile id with NUL bytes, and the entries after it', async () => {
    const audit = createAuditService({ repo: createAuditRepository({ db: database.db }), onError: (e) => errors.push(e) });
    await audit.record(entry({ targetId: 'P-1\u0000; drop table audit_log', detail: { q: 'a\u0000b' } }));
    await audit.record(entry({ targetId: 'P-2' }));
    await audit.drain();
    audit.stop();
    const rows = await audit.list({ limit: 10 });
    expect(rows.map((r) => r.targetId)).toEqual(['P-2', 'P-1\uFFFD; drop table audit_log']);
    expect(rows[1].detail).toEqual({ q: 'a\uFFFDb' });
    expect(audit.stats()).toEqual({ pending: 0, dropped: 0 });
  });

  it('does not let an entry the database refuses block the queue, and records that it happened', async () => {
    const audit = createAuditService({ repo: createAuditRepository({ db: database.db }), onError: (e) => errors.push(e) });
    const before = errors.length;
    await Promise.all([audit.record(entry({ userId: 'not-a-uuid', targetId: 'P-3' })), audit.record(entry({ targetId: 'P-4' }))]);
    await audit.drain();
    audit.stop();
    const rows = await audit.list({ limit: 2 });
    expect(rows.map((r) => [r.action, r.targetId, r.detail])).toEqual([
      ['person.read', 'P-4', null],
      ['person.read', null, { unstorable: '22P02', userId: 'not-a-uuid' }],
    ]);
    expect(errors.length).toBe(before + 1);
    expect(audit.stats().pending).toBe(0);
  });

  it('writes the entries of a burst of requests in one insert, not one each', async () => {
    const repo = createAuditRepository({ db: database.db });
    let inserts = 0;
    const audit = createAuditService({ repo: { ...repo, insert: (rows) => (inserts++, repo.insert(rows)) }, onError: (e) => errors.push(e) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record(entry({ targetId: `P-burst-${i}` }))));
    audit.stop();
    expect(inserts).toBe(1);
    expect((await audit.list({ limit: 100 })).filter((r) => r.targetId?.startsWith('P-burst-'))).toHaveLength(20);
  });

  it('writes each entry once when a drain meets a write already asked for (shutdown, the admin list)', async () => {
    const audit = createAuditService({ repo: createAuditRepository({ db: database.db }), onError: (e) => errors.push(e) });
    const recorded = Array.from({ length: 5 }, (_, i) => audit.record(entry({ targetId: `P-once-${i}` })));
    audit.stop();
    await audit.drain();
    await Promise.all(recorded);
    expect((await audit.list({ limit: 100 })).filter((r) => r.targetId?.startsWith('P-once-'))).toHaveLength(5);
  });
});

