// Reads an upload into a RawWorkbook. The zip is inspected first (zip-guard),
// then parsed by exceljs in a worker thread with a heap cap and a timeout, so a
// hostile or pathological file costs at most one worker, never the service.
// One idle worker is kept (unref'd, so it never holds the process open): a new
// worker costs ~0.3 s to start and load exceljs, and a warm one parses ~30%
// faster. A worker is thrown away after any failure, timeout or MAX_JOBS files.
import { Worker } from 'node:worker_threads';
import { WorkbookUnreadableError, UNREADABLE_CODES, type UnreadableCode } from './errors.js';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
import type { RawWorkbook } from './raw-workbook.js';
import { inspectUpload } from './zip-guard.js';
import { WORKER_YOUNG_MB } from '../worker-limits.js';

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
}

type WorkerReply = { ok: true; workbook: RawWorkbook } | { ok: false; code: string; message: string };

interface Pooled {
  worker: Worker;
  heapMb: number;
  jobs: number;
}

const WORKER_URL = new URL('./read-workbook.worker.mjs', import.meta.url);
/** A worker is retired after this many files, so nothing one parse leaves behind lives long. */
const MAX_JOBS = 50;

let idle: Pooled | null = null;

function startWorker(heapMb: number): Pooled {
  const worker = new Worker(WORKER_URL, {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    // The worker is plain JS; loaders such as tsx would only slow its start.
    execArgv: [],
  });
  worker.unref();
  const pooled = { worker, heapMb, jobs: 0 };
  // An idle worker that dies is simply forgotten; a busy one reports through readWorkbook.
  worker.on('error', () => {
    if (idle === pooled) idle = null;
  });
  worker.on('exit', () => {
    if (idle === pooled) idle = null;
  });
  return pooled;
}

function takeWorker(heapMb: number): Pooled {
  if (idle?.heapMb === heapMb) {
    const taken = idle;
    idle = null;
    return taken;
  }
  return startWorker(heapMb);
}

function release(pooled: Pooled, healthy: boolean): void {
  pooled.jobs++;
  if (healthy && !idle && pooled.jobs < MAX_JOBS) {
    pooled.worker.unref();
    idle = pooled;
  } else {
    void pooled.worker.terminate();
  }
  if (!idle) idle = startWorker(pooled.heapMb);
}

export async function readWorkbook(buffer: Buffer, options: ReadOptions = {}): Promise<RawWorkbook> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const entries = inspectUpload(buffer, limits);
  // Copy into a fresh ArrayBuffer we can transfer: the caller's Buffer may be a
  // view on Node's shared pool, which must never be detached.
  const bytes = new Uint8Array(buffer);
  const pooled = takeWorker(limits.maxHeapMb);
  const { worker } = pooled;
  worker.ref();
  let healthy = false;
  try {
    const workbook = await new Promise<RawWorkbook>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(unreadable('matrix.parse_timeout', 'The workbook took too long to read. Remove unused sheets or formatting and try again.'));
      }, limits.timeoutMs);
      const onMessage = (reply: WorkerReply) => {
        cleanup();
        if (reply.ok) resolve(reply.workbook);
        else reject(unreadable(asCode(reply.code), reply.message));
      };
      const onError = (err: Error & { code?: string }) => {
        cleanup();
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? unreadable('matrix.parse_memory', 'The workbook needs more memory to read than a return may use. Remove unused sheets or formatting and try again.', err)
            : unreadable('matrix.corrupt', 'The workbook could not be read; it may be damaged.', err),
        );
      };
      const onExit = () => {
        cleanup();
        reject(unreadable('matrix.parse_memory', 'The workbook reader stopped unexpectedly; the file may be too large to read.'));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ bytes, entries, limits }, [bytes.buffer]);
    });
    healthy = true;
    return workbook;
  } finally {
    release(pooled, healthy);
  }
}

const unreadable = (code: UnreadableCode, message: string, cause?: unknown) => new WorkbookUnreadableError(code, message, { cause });

const asCode = (code: string): UnreadableCode =>
  (UNREADABLE_CODES as readonly string[]).includes(code) ? (code as UnreadableCode) : 'matrix.corrupt';
