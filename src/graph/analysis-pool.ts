import { AppError } from '../errors.js';
import { lazyPool } from '../worker-pool.js';
import type { AnalysisReplies, AnalysisTask, AnalysisWorkerOptions, CarriedError } from './analysis-task.js';

// The analysis worker (issue #12 point 1): windows are resolved, built,
// analysed and ranked off the event loop, so one analyst asking for many
// windows cannot stall everyone else's requests. One thread holds the
// analyses (a national one is hundreds of megabytes of objects: copying it
// back would cost the event loop seconds), so requests are answered where the
// analysis lives; piscina queues them, restarts a thread that dies, and keeps
// the thread from holding the process open when idle. A view queued behind a
// computation runs between its stages (concurrentTasksPerWorker).

export interface AnalysisPoolOptions extends AnalysisWorkerOptions {
  /** Heap cap of the worker, in MB: a window too large fails alone, not the service. */
  heapMb: number;
}

export function createAnalysisPool(options: AnalysisPoolOptions) {
  // After a worker runs out of heap piscina starts a new thread, with empty caches.
  const pool = lazyPool(
    {
      filename: new URL('./analysis.worker.mjs', import.meta.url).href,
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: 8,
      workerData: { cacheBytes: options.cacheBytes } satisfies AnalysisWorkerOptions,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
    },
    () => new AppError('network.too_large', 503, 'This window is too large to work out in the memory the service allows; ask for fewer months or a smaller scope, or ask an administrator to raise ANALYSIS_HEAP_MB.'),
  );

  return {
    async run<T extends AnalysisTask>(task: T): Promise<AnalysisReplies[T['op']]> {
      const reply = (await pool.run(task)) as AnalysisReplies[T['op']] | CarriedError;
      if (reply && typeof reply === 'object' && 'appError' in reply) {
        const e = reply.appError;
        throw new AppError(e.code, e.status, e.message);
      }
      return reply;
    },
    close: pool.close,
  };
}

export type AnalysisPool = ReturnType<typeof createAnalysisPool>;
