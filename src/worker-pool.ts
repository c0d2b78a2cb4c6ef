import { Piscina } from 'piscina';
import type { AppError } from './errors.js';

type PoolOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

/**
 * A piscina pool started on first use (most processes, such as the CLI's
 * validate, never need it), whose worker running out of its heap is the
 * caller's error for it, not a crash: piscina starts a fresh thread after it.
 */
export function lazyPool(options: PoolOptions, outOfMemory: () => AppError) {
  let pool: Piscina | null = null;
  return {
    async run(task: unknown): Promise<unknown> {
      try {
        return await (pool ??= new Piscina(options)).run(task);
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
