import { randomUUID } from 'node:crypto';
import { AppError, isDatabaseUnavailable } from '../errors.js';

// Long work (a merge takes tens of seconds at national scale) runs as a job:
// the request that starts it answers at once, and the caller polls the job's
// stage. Identical work asked for while it runs is shared, not repeated, and
// running jobs are capped per user and in total, so one analyst cannot queue
// enough of them to starve everyone else.

export type Progress = (stage: string, detail?: Record<string, number>) => void;

export interface JobStage {
  stage: string;
  at: Date;
  detail?: Record<string, number>;
}

export interface Job<T = unknown> {
  id: string;
  kind: string;
  /** What the job works on (a merge's scope); callers check access to it. */
  scope: string;
  key: string;
  startedBy: string;
  status: 'running' | 'succeeded' | 'failed';
  stages: JobStage[];
  startedAt: Date;
  finishedAt: Date | null;
  result: T | null;
  /** What a caller may be told of a failure (never internals). */
  error: { code: string; message: string; status: number } | null;
  /** The failure as thrown, for a caller that waits and rethrows it to the error handler. */
  failure: unknown;
  /** Settles when the job ends, never rejects. */
  done: Promise<void>;
}

export const JOB_DEFAULTS = { perUser: 1, total: 2, keepFinishedMs: 60 * 60_000, maxKept: 500 };

export function createJobs({
  now = () => new Date(),
  onUnexpected = () => {},
  limits = JOB_DEFAULTS,
}: {
  now?: () => Date;
  onUnexpected?: (err: unknown, job: Job) => void;
  limits?: typeof JOB_DEFAULTS;
} = {}) {
  const jobs = new Map<string, Job>();

  const running = () => [...jobs.values()].filter((j) => j.status === 'running');

  function prune() {
    const cutoff = now().getTime() - limits.keepFinishedMs;
    for (const [id, j] of jobs) if (j.finishedAt && j.finishedAt.getTime() < cutoff) jobs.delete(id);
    // Map order is insertion order: the oldest finished jobs go first.
    for (const [id, j] of jobs) {
      if (jobs.size <= limits.maxKept) break;
      if (j.status !== 'running') jobs.delete(id);
    }
  }

  return {
    /**
     * Starts `run` as a job, or returns the running job with the same `key`.
     * Refused with 429 when the user, or the service, already runs its share
     * of jobs of this kind (`caps`, or the service's limits).
     */
    start<T>({ kind, scope, key, userId, run, caps = limits }: {
      kind: string; scope: string; key: string; userId: string; run: (progress: Progress) => Promise<T>; caps?: { perUser: number; total: number };
    }): Job<T> {
      prune();
      const same = running().find((j) => j.key === key);
      if (same) return same as Job<T>;
      const ofKind = running().filter((j) => j.kind === kind);
      if (ofKind.filter((j) => j.startedBy === userId).length >= caps.perUser) {
        throw new AppError('jobs.busy_user', 429, 'Work you started is still running; wait for it to finish (see its progress) before starting more.');
      }
      if (ofKind.length >= caps.total) {
        throw new AppError('jobs.busy', 429, 'The service is busy with other long work; try again in a minute.');
      }
      const job: Job<T> = {
        id: randomUUID(), kind, scope, key, startedBy: userId, status: 'running',
        stages: [], startedAt: now(), finishedAt: null, result: null, error: null, failure: null, done: Promise.resolve(),
      };
      const progress: Progress = (stage, detail) => void job.stages.push({ stage, at: now(), ...(detail ? { detail } : {}) });
      job.done = run(progress).then(
        (result) => {
          job.result = result;
          job.status = 'succeeded';
        },
        (err: unknown) => {
          job.status = 'failed';
          job.failure = err;
          job.error = publicError(err);
          if (job.error.status === 500) onUnexpected(err, job);
        },
      ).finally(() => {
        job.finishedAt = now();
        job.stages.push({ stage: job.status === 'succeeded' ? 'done' : 'failed', at: job.finishedAt });
      });
      jobs.set(job.id, job as Job);
      return job;
    },

    /** Settles when every running job has ended (at shutdown, before the database closes). */
    drain: async () => void (await Promise.all(running().map((j) => j.done))),

    /** The job, or 404; the caller checks access to its scope. */
    get(id: string): Job {
      const job = jobs.get(id);
      if (!job) throw new AppError('jobs.not_found', 404, 'No such job: it may have finished more than an hour ago.');
      return job;
    },
  };
}

function publicError(err: unknown): NonNullable<Job['error']> {
  if (err instanceof AppError) return { code: err.code, message: err.message, status: err.status };
  if (isDatabaseUnavailable(err)) return { code: 'db.unavailable', message: 'The database stopped answering; nothing was saved. Try again shortly.', status: 503 };
  return { code: 'internal', message: 'The work failed unexpectedly; try again, and tell an administrator if it fails again.', status: 500 };
}

export type Jobs = ReturnType<typeof createJobs>;
