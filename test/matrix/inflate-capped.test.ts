import { spawnSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InflateError, inflateCapped } from '../../src/matrix/inflate-capped.mjs';

const reason = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof InflateError ? err.reason : 'other';
  }
  return 'none';
};

describe('inflating a zip entry under a cap', () => {
  it('gives back exactly what was deflated', () => {
    const text = Buffer.from('<row r="1"><c><v>1</v></c></row>'.repeat(5000));
    expect(inflateCapped(deflateRawSync(text), text.length + 1).equals(text)).toBe(true);
  });

  it('stops a bomb at its cap, before inflating the rest', () => {
    const bomb = deflateRawSync(Buffer.alloc(100e6));
    const started = process.cpuUsage();
    expect(reason(() => inflateCapped(bomb, 1001))).toBe('too_large');
    // 100 MB inflated would take hundreds of ms; the cap stops it within the first chunk.
    expect(process.cpuUsage(started).user).toBeLessThan(100e6);
  });

  it('calls damaged and cut-short data corrupt', () => {
    const whole = deflateRawSync(Buffer.from('hello world, hello world'));
    expect(reason(() => inflateCapped(Buffer.from([1, 2, 3, 4, 5]), 100))).toBe('corrupt');
    expect(reason(() => inflateCapped(whole.subarray(0, 5), 100))).toBe('corrupt');
  });

  // The parse worker is terminated on timeout. With node:zlib, a thread
  // terminated between creating and initialising a zlib handle aborted the
  // whole process within a few dozen threads here; this runs 150 in a child
  // process, each terminated at a random moment while inflating.
  it('survives its thread being terminated at any moment', () => {
    const moduleUrl = new URL('../../src/matrix/inflate-capped.mjs', import.meta.url).href;
    const script = `
      import { Worker } from 'node:worker_threads';
      const body = ${JSON.stringify(`
        import { parentPort } from 'node:worker_threads';
        import { deflateRawSync } from 'node:zlib';
        import { inflateCapped } from '${moduleUrl}';
        const data = deflateRawSync(Buffer.from('x'.repeat(100)));
        parentPort.postMessage('go');
        for (;;) inflateCapped(data, 200);
      `)};
      const url = new URL('data:text/javascript,' + encodeURIComponent(body));
      for (let i = 0; i < 150; i++) {
        const worker = new Worker(url);
        await new Promise((resolve) => worker.once('message', resolve));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        await worker.terminate();
      }
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 130_000);
});
