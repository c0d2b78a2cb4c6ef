import { Piscina } from 'piscina';
import type { AppError } from './errors.js';

type PoolOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

const WORKER_YOUNG_MB = 192;

/**
 * A piscina pool started on first use (most processes, such as the CLI's
 * validate, never need it), whose worker running out of its heap is the
 * caller's error for it, not a crash: piscina starts a fresh thread after it.
 */
export function lazyPool(options: PoolOptions, outOfMemory: () => AppError) {
  // A worker's young generation is V8's small default, not the service's --max-semi-space-size: the
  // millions of short-lived objects of a merge or a window then cost a national merge 5 s more of
  // scavenges (resolving 21 s, 15.5 s at 192 MB; 384 MB gave nothing more) and a window's first query 10-20%.
  const withYoung = { ...options, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, ...options.resourceLimits } };
  let pool: Piscina | null = null;
  return {
    async run(task: unknown): Promise<unknown> {
      try {
        return await (pool ??= new Piscina(withYoung)).run(task);
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw outOfMemory();
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
