import { Piscina } from 'piscina';
import { AppError } from '../errors.js';
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
  let pool: Piscina | null = null;
  // Started on first use: most processes (the CLI's validate, a test file without windows) never need it.
  const started = () =>
    (pool ??= new Piscina({
      filename: new URL('./analysis.worker.mjs', import.meta.url).href,
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: 8,
      workerData: { cacheBytes: options.cacheBytes } satisfies AnalysisWorkerOptions,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
    }));

  return {
    async run<T extends AnalysisTask>(task: T): Promise<AnalysisReplies[T['op']]> {
      const reply = (await started().run(task)) as AnalysisReplies[T['op']] | CarriedError;
      if (reply && typeof reply === 'object' && 'appError' in reply) {
        const e = reply.appError;
        throw new AppError(e.code, e.status, e.message);
      }
      return reply;
    },

    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

export type AnalysisPool = ReturnType<typeof createAnalysisPool>;
