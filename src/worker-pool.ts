import { Piscina } from 'piscina';
import type { AppError } from './errors.js';
import { WORKER_YOUNG_MB } from './worker-limits.js';

type PoolOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

/**
 * A piscina pool started on first use (most processes, such as the CLI's
 * validate, never need it), whose worker running out of its heap is the
 * caller's error for it, not a crash: piscina starts a fresh thread after it.
 * Its workers get the young generation of worker-limits.ts.
 */
export function lazyPool(options: PoolOptions, outOfMemory: () => AppError) {
  const withYoung = { ...options, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, ...options.resourceLimits } };
  const asCallersError = (err: unknown) => ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : err);
  let pool: Piscina | null = null;
  /** Ends each task in flight with the error; see `start`. */
  const failInFlight = new Set<(err: unknown) => void>();

  function start(): Piscina {
    const started = new Piscina(withYoung);
    // A worker that dies before it is ready (its modules alone outgrow a heap set too small) is told on the
    // pool, not on the task, which then waited for ever; and with no listener the event threw, uncaught.
    started.on('error', (err: unknown) => {
      if (pool === started) pool = null;
      for (const fail of failInFlight) fail(asCallersError(err));
      failInFlight.clear();
      started.destroy().catch(() => {});
    });
    return started;
  }

  return {
    async run(task: unknown, transferList?: Transferable[]): Promise<unknown> {
      let fail!: (err: unknown) => void;
      const failed = new Promise<never>((_, reject) => (fail = reject));
      failInFlight.add(fail);
      try {
        return await Promise.race([(pool ??= start()).run(task, { transferList: transferList as never }), failed]);
      } catch (err) {
        throw asCallersError(err);
      } finally {
        failInFlight.delete(fail);
      }
    },
    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}
