import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createJobs, JOB_DEFAULTS } from './jobs.service.js';

/** A job body the test finishes by hand. */
function gate<T>() {
  let open!: (v: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((open = res), (fail = rej)));
  return { promise, open, fail };
}

describe('jobs', () => {
  it('records each stage and the result, and ends with "done"', async () => {
    const jobs = createJobs();
    const g = gate<number>();
    const job = jobs.start({ kind: 'merge', scope: 'R', key: 'k', userId: 'u', run: async (progress) => (progress('loading', { returns: 3 }), g.promise) });
    expect(job.status).toBe('running');
    expect(job.stages.map((s) => s.stage)).toEqual(['loading']);
    g.open(42);
    await job.done;
    expect(job).toMatchObject({ status: 'succeeded', result: 42, error: null });
    expect(job.stages.map((s) => s.stage)).toEqual(['loading', 'done']);
    expect(jobs.get(job.id)).toBe(job);
  });

  it('shares a running job with anyone who asks for the same work', () => {
    const jobs = createJobs();
    const g = gate<void>();
    const a = jobs.start({ kind: 'merge', scope: 'R', key: 'same', userId: 'u1', run: () => g.promise });
    const b = jobs.start({ kind: 'merge', scope: 'R', key: 'same', userId: 'u2', run: () => g.promise });
    expect(b.id).toBe(a.id);
  });

  it('refuses a user more running jobs than their share, and the service more than its total', () => {
    const jobs = createJobs({ limits: { ...JOB_DEFAULTS, perUser: 1, total: 2 } });
    const g = gate<void>();
    jobs.start({ kind: 'merge', scope: 'R', key: 'a', userId: 'u1', run: () => g.promise });
    expect(() => jobs.start({ kind: 'merge', scope: 'R', key: 'b', userId: 'u1', run: () => g.promise })).toThrow(
      expect.objectContaining({ code: 'jobs.busy_user', status: 429 }),
    );
    jobs.start({ kind: 'merge', scope: 'R', key: 'c', userId: 'u2', run: () => g.promise });
    expect(() => jobs.start({ kind: 'merge', scope: 'R', key: 'd', userId: 'u3', run: () => g.promise })).toThrow(
      expect.objectContaining({ code: 'jobs.busy', status: 429 }),
    );
  });

  it('frees the share when a job ends, failed or not', async () => {
    const jobs = createJobs({ limits: { ...JOB_DEFAULTS, perUser: 1, total: 1 } });
    const first = jobs.start({ kind: 'merge', scope: 'R', key: 'a', userId: 'u', run: () => Promise.reject(new Error('boom')) });
    await first.done;
    expect(() => jobs.start({ kind: 'merge', scope: 'R', key: 'b', userId: 'u', run: async () => 1 })).not.toThrow();
  });

  it("tells the caller an AppError's message, and nothing of an unexpected failure", async () => {
    const seen: unknown[] = [];
    const jobs = createJobs({ onUnexpected: (err) => seen.push(err) });
    const known = jobs.start({ kind: 'merge', scope: 'R', key: 'a', userId: 'u1', run: () => Promise.reject(new AppError('regions.unknown', 404, 'No region "X".')) });
    const internal = jobs.start({ kind: 'merge', scope: 'R', key: 'b', userId: 'u2', run: () => Promise.reject(new Error('SELECT secret FROM t')) });
    await Promise.all([known.done, internal.done]);
    expect(known.error).toEqual({ code: 'regions.unknown', status: 404, message: 'No region "X".' });
    expect(internal.error?.code).toBe('internal');
    expect(internal.error?.message).not.toMatch(/SELECT/);
    expect(internal.stages.at(-1)?.stage).toBe('failed');
    expect(seen).toHaveLength(1);
  });

  it('forgets finished jobs after the keeping time, never running ones', async () => {
    let t = 0;
    const jobs = createJobs({ now: () => new Date(t), limits: { ...JOB_DEFAULTS, keepFinishedMs: 1000 } });
    const g = gate<void>();
    const done = jobs.start({ kind: 'merge', scope: 'R', key: 'a', userId: 'u1', run: async () => 1 });
    await done.done;
    const running = jobs.start({ kind: 'merge', scope: 'R', key: 'b', userId: 'u2', run: () => g.promise });
    t = 5000;
    jobs.start({ kind: 'merge', scope: 'R', key: 'c', userId: 'u3', run: async () => 1 });
    expect(() => jobs.get(done.id)).toThrow(expect.objectContaining({ code: 'jobs.not_found' }));
    expect(jobs.get(running.id)).toBe(running);
  });
});
