import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { resolveQueryScope } from '../auth/scope.js';
import { AppError } from '../errors.js';
import type { Job, Jobs } from '../jobs/jobs.service.js';
import type { ReturnsRepository } from '../matrix/returns.repository.js';
import { regionOfForce } from '../reference/forces.js';
import type { MergesRepository } from '../regional/merges.repository.js';
import type { MergesService } from '../regional/merges.service.js';
import type { Thresholds } from '../regional/model.js';
import { loadCurrentReturnsMeta } from '../regional/sources.js';
import type { AnalysisPool } from './analysis-pool.js';
import type { ViewName, ViewParams, ViewResult } from './analysis-views.js';
import { monthWindow, type Window } from './window.js';

/** A window query as the routes and the CLI take it. */
export interface WindowQuery {
  scope?: string;
  month: string;
  months: number;
}

/** The window's analysis is still being worked out: answer 202 with this job to poll. */
export class AnalysisPending {
  constructor(readonly job: Job) {}
}

export interface AnalysisLimits {
  /** Windows one user may have worked out at once (the same window asked twice is one). */
  perUser: number;
  /** Windows worked out at once in all. */
  total: number;
  /** How long a request waits for its window before answering 202 with the job. */
  waitMs: number;
  /** Work out the common windows of a month when a return or decision lands. */
  precompute: boolean;
  /** The months a precomputed window spans (the console's default). */
  precomputeMonths: number;
}

const PRECOMPUTE_DELAY_MS = 2_000;
const VERSION_KEPT_MS = 1_000;
/** Keys of windows remembered as worked out: far more than the worker's memory holds. */
const WORKED_KEPT = 10_000;
/** Returns handed to the worker and not yet parsed there, at most. */
const STAGED_IN_FLIGHT = 4;

/**
 * The line–nominal network for a scope and window of months. The work —
 * resolving the window's returns, building the graph, analysing, ranking —
 * and the analyses themselves live in the analysis worker (analysis-pool.ts),
 * off the event loop; this side checks access, reads the database (which only
 * the main thread can open: PGlite) and keys each analysis by the data it
 * came from, so a new return, decision, enrichment or merge makes a new one.
 * Working out a window is a job: identical requests share it, each user and
 * the service have a cap, and a request that waits longer than `waitMs`
 * gets the job to poll.
 */
export function createNetworkService({
  merges,
  returnsRepo,
  mergesRepo,
  jobs,
  pool,
  thresholds,
  limits,
  now = () => new Date(),
  onPrecomputeError = () => {},
}: {
  merges: MergesService;
  returnsRepo: ReturnsRepository;
  mergesRepo: MergesRepository;
  jobs: Jobs;
  pool: AnalysisPool;
  thresholds: Thresholds;
  limits: AnalysisLimits;
  now?: () => Date;
  onPrecomputeError?: (err: unknown) => void;
}) {
  /** This service's name in the worker's caches, which other services (other databases) in the process share. */
  const ns = randomUUID();

  // The data's version, asked once for all the requests of VERSION_KEPT_MS (an attack of many windows is one
  // query of four statements, not one each, which on PGlite every other request queued behind); a write through
  // this service starts a new question, so whoever asks after their own upload or decision sees it. A write
  // from elsewhere (the CLI on a shared PostgreSQL) shows within that time.
  let generation = 0;
  let versionsAsked: { generation: number; answer: Promise<[string, string]> } | null = null;
  function versions(): Promise<[string, string]> {
    if (versionsAsked?.generation !== generation) {
      const asked = { generation, answer: Promise.all([returnsRepo.dataVersion(), mergesRepo.version()]) };
      versionsAsked = asked;
      const forget = () => versionsAsked === asked && (versionsAsked = null);
      asked.answer.then(() => setTimeout(forget, VERSION_KEPT_MS).unref(), forget);
    }
    return versionsAsked!.answer;
  }

  async function windowOf(principal: Principal | null, q: WindowQuery) {
    if (q.months < 1 || q.months > 24) throw new AppError('query.bad_window', 400, 'months must be between 1 and 24.');
    const { scope, forces } = principal ? resolveQueryScope(principal, q.scope) : systemScope(q.scope!);
    const window: Window = { scope, forces, months: monthWindow(q.month, q.months) };
    const [data, decisions] = await versions();
    return { window, key: `${scope}|${window.months.join(',')}|${data}|${decisions}`, contextKey: `${scope}|${decisions}` };
  }

  /**
   * Hands the worker the returns it lacks, each as soon as it is read, so the worker parses one while the
   * next is read, and no message is larger than a return (one of a national window's ~350 MB, copied into
   * a single message, held the event loop a quarter of a second). A few at a time: the worker's queue holds
   * no more texts than that. One return at a time from the database (eachParsedTexts): on PGlite other
   * requests get in between.
   */
  async function stageReturns(ids: string[]): Promise<void> {
    const inFlight: Promise<unknown>[] = [];
    for await (const [id, texts] of returnsRepo.eachParsedTexts(ids)) {
      const staged = pool.run({ op: 'stage', ns, returnId: id, texts });
      // Awaited below, maybe after it fails: handled now, so a failure is not an unhandled rejection meanwhile.
      staged.catch(() => {});
      inFlight.push(staged);
      if (inFlight.length >= STAGED_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
  }

  type Keyed = Awaited<ReturnType<typeof windowOf>>;

  // Windows the worker has worked out (it may since have let some go: a view that misses says so). Asking the
  // worker only about these lets a request over its cap be refused at once, not after the worker's queue.
  const worked = new Set<string>();

  /** Loads what the worker lacks (returns it has not parsed, the merge context) and has it work the window out. */
  async function compute({ window, key, contextKey }: Keyed, progress: (stage: string, detail?: Record<string, number>) => void) {
    progress('loading returns');
    const returns = await loadCurrentReturnsMeta(returnsRepo, window.forces, window.months);
    const builtAt = now();
    for (let attempt = 0; ; attempt++) {
      const returnIds = returns.map((r) => r.returnId);
      let done: { computed: boolean };
      try {
        // The worker holds on to the window's returns from here (those it has, then those sent) until released.
        const need = await pool.run({ op: 'prepare', ns, returnIds, contextKey });
        await stageReturns(need.missingReturns);
        const context = need.needContext ? await merges.mergeContextData(window.scope) : undefined;
        progress('resolving and ranking', { returns: returns.length });
        done = await pool.run({ op: 'compute', ns, key, window, returns, contextKey, context, thresholds, builtAt });
      } finally {
        await pool.run({ op: 'release', ns, returnIds }).catch(() => {});
      }
      if (done.computed) {
        worked.add(key);
        while (worked.size > WORKED_KEPT) worked.delete(worked.values().next().value!);
        return;
      }
      // The worker dropped something between the two steps (another window filled its cache): once more.
      if (attempt >= 2) throw new AppError('network.busy', 503, 'The service is short of memory for this window; try again in a minute.');
    }
  }

  function startJob(keyed: Keyed, userId: string): Job {
    return jobs.start({
      kind: 'analysis', scope: keyed.window.scope, key: `analysis:${ns}:${keyed.key}`, userId, caps: limits,
      run: (progress) => compute(keyed, progress),
    });
  }

  /**
   * A view of the window's analysis (analysis-views.ts), worked out first if
   * need be. Throws AnalysisPending when that takes longer than `waitMs`
   * (the CLI waits as long as it takes).
   */
  async function view<N extends ViewName>(
    principal: Principal | null, q: WindowQuery, name: N, params: ViewParams<N>, waitMs = limits.waitMs,
  ): Promise<{ window: Window; value: ViewResult<N> }> {
    const keyed = await windowOf(principal, q);
    for (let attempt = 0; ; attempt++) {
      if (worked.has(keyed.key)) {
        const answer = await pool.run({ op: 'view', ns, key: keyed.key, view: name, params });
        if (answer.hit) return { window: keyed.window, value: answer.value as ViewResult<N> };
        worked.delete(keyed.key);
      }
      if (attempt >= 2) throw new AppError('network.busy', 503, 'The service is short of memory for this window; try again in a minute.');
      const job = startJob(keyed, principal?.userId ?? 'system');
      let timer: NodeJS.Timeout | undefined;
      const waited = Number.isFinite(waitMs) ? [new Promise<false>((r) => (timer = setTimeout(r, waitMs, false)))] : [];
      const finished = await Promise.race([job.done.then(() => true), ...waited]);
      clearTimeout(timer);
      if (!finished) throw new AnalysisPending(job);
      if (job.failure) throw job.failure;
    }
  }

  let precomputeTimer: NodeJS.Timeout | undefined;
  const precomputeWanted = new Set<string>();

  async function precompute() {
    const wanted = [...precomputeWanted];
    precomputeWanted.clear();
    for (const w of wanted) {
      const [scope, named] = w.split('|');
      try {
        const month = named || (await mergesRepo.latestMerge({ scope }))?.month;
        if (!month) continue;
        // The window ending at that month, and the console's default, ending this month, when it spans that month
        // (a month's return is due by the end of the next, so it usually lands while the default ends a month later).
        const today = now().toISOString().slice(0, 7);
        const ends = monthWindow(today, limits.precomputeMonths).includes(month) && today !== month ? [month, today] : [month];
        for (const end of ends) await startJob(await windowOf(null, { scope, month: end, months: limits.precomputeMonths }), 'system').done;
      } catch (err) {
        if (!(err instanceof AppError && err.status === 429)) onPrecomputeError(err);
      }
    }
  }

  return {
    view,

    /** The id a person or line goes by now, following joins since the caller learned it. */
    currentId: merges.currentId,

    /**
     * A return, merge or decision landed: once things are quiet, work out the
     * month's windows analysts open first (the force, its region, the
     * nation; ending at that month, and at this month as the console opens),
     * so the first query answers from memory. A decision names no
     * month: the region's latest merge gives it. Never beyond the caps: a busy
     * service skips it.
     */
    landed({ force, region, month }: { force?: string; region?: string; month?: string }) {
      generation++;
      if (!limits.precompute) return;
      const scopes = [force, region ?? (force ? regionOfForce(force) : undefined), 'NATIONAL'].filter((s): s is string => !!s);
      for (const scope of scopes) precomputeWanted.add(`${scope}|${month ?? ''}`);
      clearTimeout(precomputeTimer);
      precomputeTimer = setTimeout(() => void precompute(), PRECOMPUTE_DELAY_MS);
      precomputeTimer.unref();
    },

    /** Whether the window's analysis is ready in memory (what the tests of the cache and of work in advance read). */
    async isReady(principal: Principal | null, q: WindowQuery) {
      const keyed = await windowOf(principal, q);
      return (await pool.run({ op: 'has', ns, key: keyed.key })).hit;
    },

    stop() {
      clearTimeout(precomputeTimer);
    },
  };
}

/** Precomputation works for no one in particular: a scope as named, national, a region or a force. */
function systemScope(scope: string) {
  return resolveQueryScope({ userId: 'system', name: 'system', role: 'NCLCC_ANALYST', force: null, region: null, credentialId: 'system' }, scope);
}

export type NetworkService = ReturnType<typeof createNetworkService>;
