import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createMergesRepository, encodeIdEntries, encodeItems } from '../../src/regional/merges.repository.js';
import { openTestDatabase } from '../helpers/test-database.js';

// Items and id maps travel as JSON texts joined by a control character
// (json-batches.ts): text holding that character, quotes, backslashes and
// non-Latin letters must come back exactly, and so must batches larger than one statement.
const awkward = 'A\x1eB "quoted" back\\slash \u00e9\u0416 \ud83d\ude00 \x01';

describe('the merges repository', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('stores and reads back items and ids whatever their text, across several statements', async () => {
    const repo = createMergesRepository({ db: database.db });
    const evidence = { force: 'LIN', month: '2026-06', sheet: 'Nominals', row: 7 };
    const person = (id: string, note: string) => ({ id, surnames: [{ value: note, sources: [evidence] }], edges: [] });
    // Two people of 5 MB each: more than one statement's worth of text.
    const people = [person(`P-${awkward}`, awkward), person('P-B', 'x'.repeat(5_000_000)), person('P-C', 'y'.repeat(5_000_000))];
    const review = [{ key: `LIN|${awkward}||NOT|2`, note: awkward }];
    const id = randomUUID();
    await database.db.transaction(async (tx) => {
      await repo.insertMerge(
        { id, scope: 'EM', month: '2026-06', summary: {} },
        encodeItems({ people: people.map((p) => ({ id: p.id, data: p })), lines: [], alerts: [], review: review.map((r) => ({ id: r.key, data: r })) }),
        tx,
      );
      await repo.saveIdentities({ kind: 'person', batches: encodeIdEntries([[`LIN|${awkward}`, `P-${awkward}`], ['LIN|2', 'P-B']]) }, tx);
    });
    expect(await repo.items({ mergeId: id, kind: 'people' })).toEqual(people);
    expect(await repo.items({ mergeId: id, kind: 'review' })).toEqual(review);
    expect(await repo.item({ mergeId: id, kind: 'people', id: `P-${awkward}` })).toEqual(people[0]);
    expect(await repo.identities({ kind: 'person' })).toEqual(new Map([[`LIN|${awkward}`, `P-${awkward}`], ['LIN|2', 'P-B']]));
  });
});
