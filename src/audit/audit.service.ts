import type { AuditEntry, AuditRepository } from './audit.repository.js';

/**
 * Writes audit entries after each response. When the database is away the
 * entries wait in memory (bounded) and are written when it returns, so a
 * request that failed because of an outage is still accounted for.
 */
export function createAuditService({
  repo,
  onError,
  maxPending = 100_000,
}: {
  repo: AuditRepository;
  onError: (err: unknown) => void;
  maxPending?: number;
}) {
  let pending: AuditEntry[] = [];
  let flushing: Promise<void> | null = null;
  let dropped = 0;

  async function flushNow(): Promise<void> {
    while (pending.length) {
      const batch = pending.slice(0, 1000);
      await repo.insert(batch);
      pending = pending.slice(batch.length);
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushNow()
      .catch(onError)
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  const timer = setInterval(() => {
    if (pending.length) void flush();
  }, 1000);
  timer.unref();

  return {
    record(entry: AuditEntry): Promise<void> {
      if (pending.length >= maxPending) {
        dropped++;
        return Promise.resolve();
      }
      pending.push({ ...entry, at: entry.at ?? new Date() });
      return flush();
    },
    /** Writes what is waiting; called at shutdown and by tests. */
    async drain(): Promise<void> {
      await flushing;
      await flushNow();
    },
    stats: () => ({ pending: pending.length, dropped }),
    stop: () => clearInterval(timer),
    list: repo.list,
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
