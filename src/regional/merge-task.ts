import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { on } from 'node:events';
import type { MessagePort } from 'node:worker_threads';
import { parseStoredTables, type StoredReturnTexts } from '../matrix/returns.repository.js';
import { withCrossRegionAlerts, type ActiveOutside } from './cross-region.js';
import { activeInvestigations } from './deconfliction.js';
import { derivedId, retiredIds } from './ids.js';
import { withNewId, type MergeContextData } from './merge-context.js';
import { packBatches, transferList, type PackedBatches } from '../text-batches.js';
import { encodeIdEntries, encodeItems, type ItemBatch, type MergeItemKind } from './merges.repository.js';
import { mergeMonth } from './month-merge.js';
import type { MergeStats, ReturnInput, Thresholds } from './model.js';
import type { ReturnRef } from './sources.js';

/**
 * A merge's resolution as the merge worker runs it (merge-pool.ts): the
 * returns' tables come in as the database's JSON texts, and what goes back is
 * what the save needs, already encoded as the texts it stores, so the event
 * loop parses and builds nothing of a merge (issue #12.1). Sending the
 * resolved merge back as objects or as one JSON cost more than resolving it.
 * The items go back on `port` a batch at a time as they are encoded, so the
 * save stores the first while the worker encodes the rest (`MergeMessage`).
 */
export interface MergeTask {
  scope: string;
  month: string;
  context: MergeContextData;
  thresholds: Thresholds;
  /** For a region: what forces outside it hold under active investigation (cross-region alerts). */
  outside: ActiveOutside | null;
  /** Where the returns come from and the outcome goes (transferred with the task). */
  port: MessagePort;
}

/**
 * What the service posts on the task's port: the current non-nil returns of
 * the month and the months before it (month-merge.ts), in force and month
 * order, each as it is read from the database, then the end. The worker
 * parses each as it comes, while the service reads the next; all in the task
 * itself, a national merge's texts were one message that held the event loop.
 */
export type MergeInputMessage = { input: ReturnRef & { texts: StoredReturnTexts } } | { inputsEnd: true };

export interface MergeOutcome {
  stats: MergeStats;
  alerts: number;
  reviewPairs: number;
  people: number;
  lines: number;
  /** Record → entity ids that changed, and aliases (retired or provisional id → entity), per kind, encoded to store. */
  identities: Record<'person' | 'line', { entries: PackedBatches; aliases: PackedBatches }>;
}

/**
 * What the worker posts on the task's port, in this order: the outcome once
 * resolved; each batch of items (merges.repository.ts encodeItems) as it is
 * encoded; the end. Texts travel as transferred buffers (text-batches.ts).
 */
export type MergeMessage = { outcome: MergeOutcome } | { kind: MergeItemKind; batch: PackedBatches } | { end: true };

const NONE_USED = { has: () => false };

/**
 * A full collection, run once the merge's people, lines and entities are built (before the
 * links and alerts). Left to itself V8 let the worker's heap grow to about twice what a
 * national merge holds live before collecting: the service's peak RSS in the bench merge was
 * 1.87-2.12 GB, with this collection 1.63-1.80 GB. Each one costs about a second of the merge
 * (a second one, after the people, took the peak only to 1.59-1.82 GB). `gc` exists only in a
 * context made after --expose-gc is set, hence the new context.
 */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const collect = fullCollection();

export async function runMergeTask({ port, ...task }: MergeTask): Promise<null> {
  const { outcome, items } = mergeOutcome(task, await receiveReturns(port));
  const { person, line } = outcome.identities;
  post(port, { outcome }, [person.entries, person.aliases, line.entries, line.aliases]);
  for (const [kind, batch] of items) {
    const packed = packBatches([batch]);
    post(port, { kind, batch: packed }, [packed]);
  }
  post(port, { end: true }, []);
  return null;
}

const post = (port: MessagePort, message: MergeMessage, packed: PackedBatches[]) => port.postMessage(message, transferList(packed));

/** The returns as the service sends them, each parsed as it comes (its texts then let go). */
async function receiveReturns(port: MessagePort): Promise<ReturnInput[]> {
  const returns: ReturnInput[] = [];
  // The service closes its end when it fails to read a return: then nothing more is coming.
  const closed = new AbortController();
  port.once('close', () => closed.abort());
  for await (const [message] of on(port, 'message', { signal: closed.signal }) as AsyncIterable<[MergeInputMessage]>) {
    if ('inputsEnd' in message) return returns;
    const { texts, ...r } = message.input;
    returns.push({ returnId: r.returnId, force: r.force, month: r.month, parsed: { meta: r.meta, ...parseStoredTables(texts) } });
  }
  throw new Error('the service stopped sending the returns');
}

function mergeOutcome(task: Omit<MergeTask, 'port'>, returns: ReturnInput[]): { outcome: MergeOutcome; items: Generator<ItemBatch> } {
  const result = mergeMonth({ scope: task.scope, returns, thresholds: task.thresholds, ...withNewId(task.context), afterEntities: collect }, task.month);
  if (task.outside) {
    const active = activeInvestigations(result.sourceRows.lines, result.sourceRows.nominals);
    result.alerts = withCrossRegionAlerts(result.alerts, { people: result.people, lines: result.lines, activeForces: active.forces }, task.outside);
  }
  // A record no merge had seen may have been shown by a query under the id derived from it (ids.ts):
  // that id leads to the record's entity too, as does every id retired because its entity joined another.
  const identities = {} as MergeOutcome['identities'];
  for (const [kind, ids, before] of [
    ['person', result.personIdByRecord, task.context.priorPersonIds],
    ['line', result.lineIdByRecord, task.context.priorLineIds],
  ] as const) {
    const changed = [...ids].filter(([k, v]) => before.get(k) !== v);
    const provisional = changed
      .filter(([k]) => !before.has(k))
      .map(([k, v]) => [derivedId(kind, k, NONE_USED), v] as [string, string])
      .filter(([p, v]) => p !== v);
    const aliases = [...provisional, ...retiredIds(before, ids, changed.map(([k]) => k))];
    identities[kind] = { entries: packBatches(encodeIdEntries(changed)), aliases: packBatches(encodeIdEntries(aliases)) };
  }
  return {
    outcome: {
      stats: result.stats,
      alerts: result.alerts.length,
      reviewPairs: result.reviewPairs.length,
      people: result.people.length,
      lines: result.lines.length,
      identities,
    },
    items: encodeItems({
      people: releasing(result.people, (p) => ({ id: p.id, data: p })),
      lines: releasing(result.lines, (l) => ({ id: l.id, data: l })),
      alerts: releasing(result.alerts, (a) => ({ id: a.key, data: a })),
      review: releasing(result.reviewPairs, (r) => ({ id: `${r.kind}:${r.key}`, data: r })),
    }),
  };
}

/**
 * The list's items, each let go from the list as it is taken: a merge's
 * entities are most of the heap while they are encoded, and every collection
 * meanwhile marked them all again (a third of the save's CPU when the save
 * encoded them).
 */
function* releasing<T, U>(list: T[], item: (x: T) => U): Generator<U> {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    delete list[i];
    yield item(x);
  }
}
