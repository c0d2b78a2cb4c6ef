import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';
import { annotateWorkbook } from '../matrix/annotate.js';
import type { Problem } from '../matrix/problem.js';
import { parseStoredTables, type StoredReturnTexts } from '../matrix/returns.repository.js';
import { regionalWorkbookFromTexts, type RegionalWorkbookTexts } from '../regional/export-task.js';
import type { MergeContextData } from '../regional/merge-context.js';
import type { ParsedReturn } from '../matrix/model.js';
import type { Thresholds } from '../regional/model.js';
import type { ReturnRef } from '../regional/sources.js';
import { analyse, type Analysis } from './analysis.js';
import { views, type ViewName } from './analysis-views.js';
import type { Window } from './window.js';

// The analysis worker (analysis.worker.mjs loads this): it keeps the parsed
// returns, the merge context and the analyses in memory, each cache bounded
// by size, and answers the main thread's requests (analysis-pool.ts). Only
// small things cross the thread boundary: return tables as JSON text in, a
// page or a profile out. It also writes the workbooks the service hands
// back: a merge's regional return, from the merge's texts (export-task.ts),
// and an upload's annotated report (annotate.ts).

export interface AnalysisWorkerOptions {
  /** Memory the analyses may take, in bytes (estimated). */
  cacheBytes: number;
}

export type AnalysisTask =
  | { op: 'prepare'; ns: string; returnIds: string[]; contextKey: string }
  | { op: 'stage'; ns: string; returnId: string; texts: StoredReturnTexts }
  | { op: 'release'; ns: string; returnIds: string[] }
  | {
      op: 'compute'; ns: string; key: string; window: Window; returns: ReturnRef[];
      contextKey: string; context?: MergeContextData; thresholds: Thresholds; builtAt: Date;
    }
  | { op: 'view'; ns: string; key: string; view: ViewName; params: unknown }
  | { op: 'has'; ns: string; key: string }
  | { op: 'regionalWorkbook'; input: RegionalWorkbookTexts }
  | { op: 'annotate'; original: Uint8Array; problems: Problem[] };

export interface AnalysisReplies {
  prepare: { missingReturns: string[]; needContext: boolean };
  stage: null;
  release: null;
  compute: { computed: boolean };
  view: { hit: false } | { hit: true; value: unknown };
  has: { hit: boolean };
  regionalWorkbook: { buffer: Uint8Array; personIds: string[] };
  annotate: { buffer: Uint8Array };
}

/** An AppError thrown by a view (a stale cursor), carried across the thread boundary. */
export interface CarriedError {
  appError: { code: string; status: number; message: string };
}

// On Linux a nice value belongs to a thread: this one yields the CPU to the
// event loop (every other user's requests) when the machine is busy.
const WORKER_NICENESS = 10;
if (process.platform === 'linux') {
  try {
    setPriority(WORKER_NICENESS);
  } catch {
    // Not permitted here: the worker still runs, at the service's priority.
  }
}

const options = (workerData ?? {}) as Partial<AnalysisWorkerOptions>;
const cacheBytes = options.cacheBytes ?? 1024 ** 3;

// An analysis holds several objects per input value (records, evidence, graph
// attributes, ranked entries): measured with a forced GC on the generator's
// region world (6 months, 2.1 MB of return JSON), 11 MB of heap, 5.2 times
// the JSON. A parsed return takes about its JSON's size (1.1 times).
const ANALYSIS_BYTES_PER_INPUT_BYTE = 5;

const analyses = new LRUCache<string, { analysis: Analysis; bytes: number }>({
  maxSize: cacheBytes,
  // A window larger than the whole budget is still kept, alone: it was asked for.
  sizeCalculation: (v) => Math.max(1, Math.min(v.bytes, cacheBytes)),
});
// Returns are immutable once stored (a resubmission is a new return): parsed once, shared by every window.
type ParsedEntry = { parsed: Omit<ParsedReturn, 'meta'>; bytes: number };
const returns = new LRUCache<string, ParsedEntry>({
  maxSize: Math.max(1, Math.floor(cacheBytes / ANALYSIS_BYTES_PER_INPUT_BYTE)),
  sizeCalculation: (v) => Math.max(1, Math.min(v.bytes, Math.floor(cacheBytes / ANALYSIS_BYTES_PER_INPUT_BYTE))),
});
// The returns of the windows being worked out, held whatever the cache lets go (a national 12-month
// window's returns are more than its budget, and returns handed over for one window would push out
// those it found here): pinned by `prepare` (those held) and `stage` (those sent), once per window,
// and let go by `release` when the window is done.
const pinned = new Map<string, { entry: ParsedEntry; pins: number }>();
function pin(key: string, entry: ParsedEntry) {
  const p = pinned.get(key);
  if (p) p.pins++;
  else pinned.set(key, { entry, pins: 1 });
}
const held = (key: string) => pinned.get(key)?.entry ?? returns.get(key);
const contexts = new LRUCache<string, MergeContextData>({ max: 4 });

const textBytes = (t: StoredReturnTexts) => t.lines.length + t.nominals.length + t.addresses.length + t.associations.length;

/** Lets a view queued behind a long computation run between its stages. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

export default async function run(task: AnalysisTask): Promise<AnalysisReplies[AnalysisTask['op']] | CarriedError> {
  switch (task.op) {
    case 'prepare': {
      const missingReturns: string[] = [];
      for (const id of task.returnIds) {
        const entry = held(`${task.ns}|${id}`);
        if (entry) pin(`${task.ns}|${id}`, entry);
        else missingReturns.push(id);
      }
      return { missingReturns, needContext: !contexts.has(`${task.ns}|${task.contextKey}`) };
    }
    case 'stage': {
      const entry = { parsed: parseStoredTables(task.texts), bytes: textBytes(task.texts) };
      returns.set(`${task.ns}|${task.returnId}`, entry);
      pin(`${task.ns}|${task.returnId}`, entry);
      return null;
    }
    case 'release':
      for (const id of task.returnIds) {
        const p = pinned.get(`${task.ns}|${id}`);
        if (p && --p.pins === 0) pinned.delete(`${task.ns}|${id}`);
      }
      return null;
    case 'compute': {
      if (analyses.has(`${task.ns}|${task.key}`)) return { computed: true };
      if (task.context) contexts.set(`${task.ns}|${task.contextKey}`, task.context);
      const context = task.context ?? contexts.get(`${task.ns}|${task.contextKey}`);
      const inputs = task.returns.map((r) => {
        const cached = held(`${task.ns}|${r.returnId}`);
        return cached && { returnId: r.returnId, force: r.force, month: r.month, parsed: { meta: r.meta, ...cached.parsed }, bytes: cached.bytes };
      });
      if (!context || inputs.some((i) => !i)) return { computed: false };
      const analysis = await analyse({ window: task.window, returns: inputs.map((i) => i!), context, thresholds: task.thresholds, builtAt: task.builtAt, pause: breathe });
      const bytes = inputs.reduce((n, i) => n + i!.bytes, 0) * ANALYSIS_BYTES_PER_INPUT_BYTE;
      analyses.set(`${task.ns}|${task.key}`, { analysis, bytes });
      return { computed: true };
    }
    case 'view': {
      const entry = analyses.get(`${task.ns}|${task.key}`);
      if (!entry) return { hit: false };
      try {
        const view = views[task.view] as (a: Analysis, params: unknown) => unknown;
        return { hit: true, value: await view(entry.analysis, task.params) };
      } catch (err) {
        if (err instanceof AppError) return { appError: { code: err.code, status: err.status, message: err.message } };
        throw err;
      }
    }
    case 'has':
      return { hit: analyses.has(`${task.ns}|${task.key}`) };
    case 'regionalWorkbook': {
      const { buffer, personIds } = await regionalWorkbookFromTexts(task.input);
      return { buffer, personIds };
    }
    case 'annotate':
      return { buffer: await annotateWorkbook(Buffer.from(task.original.buffer, task.original.byteOffset, task.original.byteLength), task.problems) };
  }
}
