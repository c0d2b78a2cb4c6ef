import { AppError } from '../errors.js';
import { lazyPool } from '../worker-pool.js';
import type { MergeTask } from './merge-task.js';

// The merge worker (issue #12.1): a merge's resolution (a national one is
// about 12 s of CPU) runs in its own thread, so the service keeps answering
// while it runs. One thread: merges are few and capped as jobs (JOBS_TOTAL),
// and a second waits its turn. It ends a second after its last merge, giving
// back the memory a merge takes (a national one, 1.7 GB, which a minute's wait
// kept for the minute); starting it again costs a fraction of a second.
export function createMergePool({ heapMb }: { heapMb: number }) {
  const pool = lazyPool(
    {
      filename: new URL('./merge.worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 1_000,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    },
    () => new AppError('merges.too_large', 503, 'This merge is too large for the memory the service allows; ask an administrator to raise MERGE_HEAP_MB.'),
  );
  return {
    /** Settles when the worker is done; what it resolved comes on `task.port` (merge-task.ts). */
    run: async (task: MergeTask) => {
      await pool.run(task, [task.port]);
    },
    close: pool.close,
  };
}

export type MergePool = ReturnType<typeof createMergePool>;
