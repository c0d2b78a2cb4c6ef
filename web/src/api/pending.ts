import type { Middleware } from 'openapi-fetch';
import { useSyncExternalStore } from 'react';

// A window of the network not yet worked out answers 202 with its job
// (Location: /api/v1/jobs/:id). The console waits for the job, showing its
// stage, and asks again, so screens see only the final answer. A screen that
// no longer wants the answer (the analyst moved on) aborts its request's
// signal: the waiting stops and the window leaves the status line.

type JobState = { id: string; status: 'running' | 'succeeded' | 'failed'; stage: string; scope: string };

const POLL_MS = 1000;
const waiting = new Map<string, JobState>();
const listeners = new Set<() => void>();
let snapshot: JobState[] = [];

function changed() {
  snapshot = [...waiting.values()];
  listeners.forEach((l) => l());
}

/** Waits `ms`, or throws the signal's abort reason as soon as it is aborted. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => (clearTimeout(timer), reject(signal.reason));
    const timer = setTimeout(() => (signal.removeEventListener('abort', abort), resolve()), ms);
    signal.addEventListener('abort', abort, { once: true });
  });
}

async function follow(location: string, first: JobState, signal: AbortSignal): Promise<JobState> {
  let job = first;
  waiting.set(job.id, job);
  changed();
  try {
    while (job.status === 'running') {
      await sleep(POLL_MS, signal);
      const res = await fetch(location, { credentials: 'same-origin', signal });
      if (!res.ok) break;
      job = (await res.json()) as JobState;
      waiting.set(job.id, job);
      changed();
    }
    return job;
  } finally {
    waiting.delete(job.id);
    changed();
  }
}

const BUSY_TRIES = 60;

/** A window refused because the analyst's (or everyone's) other windows are still being worked out. */
async function busy(response: Response): Promise<boolean> {
  if (response.status !== 429) return false;
  const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code?.startsWith('jobs.busy') ?? false;
}

export const windowJobs: Middleware = {
  async onResponse({ request, response }) {
    if (request.method !== 'GET') return response;
    const { signal } = request;
    const again = () => fetch(new Request(request.url, { method: 'GET', headers: request.headers, credentials: 'same-origin', signal }));
    // Clicking through windows quickly asks for more than the service works out at once: wait for a turn.
    for (let tries = 0; tries < BUSY_TRIES && (await busy(response)); tries++) {
      await sleep(POLL_MS * 2, signal);
      response = await again();
    }
    const location = response.headers.get('location');
    if (response.status !== 202 || !location?.startsWith('/api/v1/jobs/')) return response;
    await follow(location, (await response.clone().json()) as JobState, signal);
    // Asked again once the job has ended: the answer, or the job's failure as an error response.
    return again();
  },
};

/** Windows being worked out for this page right now, with their stage. */
export function useWindowJobs(): JobState[] {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => snapshot,
  );
}
