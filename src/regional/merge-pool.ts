import { Piscina } from 'piscina';
import { AppError } from '../errors.js';
import type { MergeOutcome, MergeTask } from './merge-task.js';

// The merge worker (issue #12.1): a merge's resolution (a national one is
// about 12 s of CPU) runs in its own thread, so the service keeps answering
// while it runs. One thread: merges are few and capped as jobs (JOBS_TOTAL),
// and a second waits its turn. It ends after a minute without work, giving
// back the memory a merge takes.
export function createMergePool({ heapMb }: { heapMb: number }) {
  let pool: Piscina | null = null;
  const started = () =>
    (pool ??= new Piscina({
      filename: new URL('./merge.worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    }));

  return {
    async run(task: MergeTask): Promise<MergeOutcome> {
      try {
        return (await started().run(task)) as MergeOutcome;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          throw new AppError('merges.too_large', 503, 'This merge is too large for the memory the service allows; ask an administrator to raise MERGE_HEAP_MB.');
        }
        throw err;
      }
    },

    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

export type MergePool = ReturnType<typeof createMergePool>;
