import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { lazyPool } from './worker-pool.js';

const dir = mkdtempSync(join(tmpdir(), 'clim-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker module whose top level (`prelude`) runs before it takes tasks. */
function workerFile(name: string, prelude: string) {
  const file = join(dir, name);
  writeFileSync(file, `${prelude}\nexport default (n) => n * 2;\n`);
  return pathToFileURL(file).href;
}
const GROW = 'const held = []; for (;;) held.push(new Array(1e5).fill(Math.random()));';
const tooLarge = () => new AppError('test.too_large', 503, 'too large');

describe('lazyPool', () => {
  it("ends the task with the caller's error when its worker runs out of heap before it is ready, and starts afresh", async () => {
    const pool = lazyPool({ filename: workerFile('grows.mjs', GROW), maxThreads: 1, resourceLimits: { maxOldGenerationSizeMb: 16 } }, tooLarge);
    await expect(pool.run(1)).rejects.toMatchObject({ code: 'test.too_large', status: 503 });
    await expect(pool.run(2)).rejects.toMatchObject({ code: 'test.too_large' });
    await pool.close();
  }, 30_000);

  it('runs tasks in a worker that loads', async () => {
    const pool = lazyPool({ filename: workerFile('doubles.mjs', ''), maxThreads: 1 }, tooLarge);
    expect(await pool.run(21)).toBe(42);
    await pool.close();
  });
});
