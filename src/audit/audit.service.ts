import { isDatabaseUnavailable, sqlState } from '../errors.js';
import type { AuditEntry, AuditRepository } from './audit.repository.js';

/** PostgreSQL text and jsonb cannot hold NUL: an entry naming a hostile id must still be storable. */
function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  }
  return value;
}

/**
 * Writes audit entries after each response. When the database is away the
 * entries wait in memory (bounded) and are written when it returns, so a
 * request that failed because of an outage is still accounted for.
 */
export function createAuditService({
  repo,
  onError,
  maxPending = 100_000,
  coalesceMs = 50,
}: {
  repo: AuditRepository;
  onError: (err: unknown) => void;
  maxPending?: number;
  /** How long an entry waits for others to go in the same insert. */
  coalesceMs?: number;
}) {
  let pending: AuditEntry[] = [];
  let flushing: Promise<void> | null = null;
  let dropped = 0;

  async function flushNow(): Promise<void> {
    while (pending.length) {
      const batch = pending.slice(0, 1000);
      try {
        await repo.insert(batch);
      } catch (err) {
        if (isDatabaseUnavailable(err)) throw err;
        await insertOneByOne(batch);
      }
      pending = pending.slice(batch.length);
    }
  }

  // A batch the database refuses for its content (not an outage) must not
  // block every later entry: each is written alone, and one still refused is
  // replaced by a record that the request happened and could not be stored.
  async function insertOneByOne(batch: AuditEntry[]): Promise<void> {
    for (const entry of batch) {
      try {
        await repo.insert([entry]);
      } catch (err) {
        if (isDatabaseUnavailable(err)) throw err;
        onError(err);
        const { at, userId, userName, role, ip, requestId, method, route, action, status } = entry;
        const substitute = { at, userName, role, ip, requestId, method, route, action, status, detail: { unstorable: sqlState(err) ?? 'unknown', userId } };
        await repo.insert([substitute]).catch((again: unknown) => {
          if (isDatabaseUnavailable(again)) throw again;
          dropped++;
          onError(again);
        });
      }
    }
  }

  // One write at a time, whoever asks (the timers, drain): two at once would both take the same first batch.
  function write(): Promise<void> {
    flushing ??= flushNow().finally(() => {
      flushing = null;
    });
    return flushing;
  }
  const flush = () => write().catch(onError);

  const timer = setInterval(() => {
    if (pending.length) void flush();
  }, 1000);
  timer.unref();

  // Entries that arrive together (a burst of requests) go in one insert: on PGlite each insert is a statement
  // that every other request's statements queue behind, and a burst of 80 refused requests made 55 of them.
  let soon: { timer: NodeJS.Timeout; now: () => void; flushed: Promise<void> } | null = null;
  function flushSoon(): Promise<void> {
    if (!soon) {
      let now!: () => void;
      const flushed = new Promise<void>((resolve) => (now = resolve)).then(() => {
        soon = null;
        return flush();
      });
      soon = { timer: setTimeout(now, coalesceMs).unref(), now, flushed };
    }
    return soon.flushed;
  }

  return {
    record(entry: AuditEntry): Promise<void> {
      if (pending.length >= maxPending) {
        dropped++;
        return Promise.resolve();
      }
      pending.push(storable({ ...entry, at: entry.at ?? new Date() }));
      return flushSoon();
    },
    /** Writes what is waiting; called at shutdown and by tests. */
    async drain(): Promise<void> {
      // The write in flight may have taken its batch before the latest entries came.
      await flushing?.catch(() => {});
      await write();
    },
    stats: () => ({ pending: pending.length, dropped }),
    /** Stops the timers; what waits to be written goes now. */
    stop: () => {
      clearInterval(timer);
      if (soon) {
        clearTimeout(soon.timer);
        soon.now();
      }
    },
    list: repo.list,
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
