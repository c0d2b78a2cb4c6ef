import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { assertForce, visibleForces } from '../auth/scope.js';
import { formatBytes } from '../format-bytes.js';
import type { Db } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import { FORCES } from '../reference/forces.js';
import { fileProblem, isWorkbookUnreadable } from './errors.js';
import type { ReadLimits } from './limits.js';
import type { ParsedReturn } from './model.js';
import type { Problem } from './problem.js';
import type { ReturnsRepository, ReturnSummaryRow } from './returns.repository.js';
import { validateBuffer } from './validate.js';

export interface Upload {
  filename: string;
  buffer: Buffer;
}

export type SubmitOutcome =
  | { status: 'ACCEPTED'; summary: ReturnSummaryRow; problems: Problem[] }
  | { status: 'REJECTED'; summary: ReturnSummaryRow; problems: Problem[] };

/**
 * An upload refused before validation (not a workbook, too large, a zip bomb).
 * Besides its code it carries the refusal as a report's `problems`, so a client
 * reads it like any rejected return.
 */
export class UploadRefusedError extends AppError {
  constructor(
    code: string,
    status: number,
    message: string,
    readonly problems: Problem[],
  ) {
    super(code, status, message, { rule: problems[0]?.rule });
  }
}


export type ComplianceStatus = 'ACCEPTED' | 'NIL_RETURN' | 'REJECTED_ONLY' | 'MISSING';

const forceNames = new Map(FORCES.map((f) => [f.code, f.name]));

export function createReturnsService({
  db,
  repo,
  limits,
  now = () => new Date(),
}: {
  db: Db;
  repo: ReturnsRepository;
  limits: ReadLimits;
  now?: () => Date;
}) {
  async function validate(upload: Upload) {
    try {
      return await validateBuffer(upload.buffer, { now: now(), limits });
    } catch (err) {
      if (isWorkbookUnreadable(err)) throw new UploadRefusedError(err.code, err.code === 'matrix.too_large' ? 413 : 422, err.message, [err.toProblem()]);
      throw err;
    }
  }

  return {
    /** An upload cut short by the size limit, refused like any file that cannot be read (V2-FILE-LIMIT). */
    tooLarge(): UploadRefusedError {
      const message = `The workbook is larger than the service accepts (${formatBytes(limits.maxFileBytes)}).`;
      return new UploadRefusedError('request.too_large', 413, message, [fileProblem('V2-FILE-LIMIT', message)]);
    },

    /**
     * Validates and stores an upload. A rejected return is kept (with its report
     * and file) but nothing of it enters the data; an accepted one becomes the
     * next version for its force and month, in one transaction.
     */
    async submit(principal: Principal, upload: Upload): Promise<SubmitOutcome> {
      const result = await validate(upload);
      const meta = result.parsed?.meta;
      const declaredForce = meta?.force ?? result.declaredForce ?? null;
      if (declaredForce && principal.force && declaredForce !== principal.force) {
        throw new AppError(
          'returns.wrong_force',
          403,
          `This return is for ${declaredForce} (${forceNames.get(declaredForce) ?? declaredForce}); your account may only submit for ${principal.force}.`,
        );
      }
      const force = principal.force ?? declaredForce;
      if (!force) throw new AppError('returns.no_force', 422, 'The Return sheet does not say which force it is for.');
      const base = {
        id: randomUUID(),
        force,
        filename: upload.filename.slice(0, 255),
        sha256: createHash('sha256').update(upload.buffer).digest('hex'),
        counts: result.counts,
        problems: result.problems,
        original: upload.buffer,
        uploadedBy: principal.userId,
        guidanceVersion: result.guidanceVersion,
      };
      if (!result.parsed) {
        await repo.insertReturn({ ...base, month: result.declaredMonth ?? null, status: 'REJECTED', version: null });
        return { status: 'REJECTED', summary: await summaryOf(base.id), problems: result.problems };
      }
      const parsed: ParsedReturn = result.parsed;
      await db.transaction(async (tx) => {
        await repo.lockForceMonth({ force, month: parsed.meta.month }, tx);
        const version = await repo.nextVersion({ force, month: parsed.meta.month }, tx);
        await repo.insertReturn(
          { ...base, month: parsed.meta.month, status: 'ACCEPTED', version, nilReturn: parsed.meta.nilReturn, meta: parsed.meta },
          tx,
        );
        await repo.insertParsedRows({ returnId: base.id, parsed }, tx);
      });
      return { status: 'ACCEPTED', summary: await summaryOf(base.id), problems: result.problems };
    },

    /** The upload history, each accepted version marked current or superseded. */
    async list(principal: Principal, q: { force?: string; month?: string }) {
      if (q.force) assertForce(principal, q.force);
      const rows = await repo.listReturns({ forces: visibleForces(principal), force: q.force, month: q.month });
      const current = await currentIds(rows);
      return rows.map((r) => ({ ...r, current: current.has(r.id) }));
    },

    /** A return the principal may see, with its report and file. */
    async get(principal: Principal, id: string) {
      const row = await repo.findReturn({ id });
      if (!row) throw notFound('return');
      assertForce(principal, row.force);
      return { ...row, current: (await currentIds([row])).has(row.id) };
    },

    /** For each visible force: accepted, nil, only rejected attempts, or nothing (the compliance view). */
    async compliance(principal: Principal, month: string) {
      const forces = visibleForces(principal);
      const [current, rejected] = await Promise.all([repo.currentReturns({ forces, months: [month] }), repo.rejectedForces({ forces, month })]);
      const byForce = new Map(current.map((r) => [r.force, r]));
      const rejectedSet = new Set(rejected);
      return forces.map((force) => {
        const r = byForce.get(force);
        const status: ComplianceStatus = r ? (r.nilReturn ? 'NIL_RETURN' : 'ACCEPTED') : rejectedSet.has(force) ? 'REJECTED_ONLY' : 'MISSING';
        return { force, name: forceNames.get(force) ?? force, status, returnId: r?.id ?? null, version: r?.version ?? null, uploadedAt: r?.uploadedAt ?? null };
      });
    },
  };

  async function currentIds(rows: { force: string; month: string | null }[]): Promise<Set<string>> {
    const months = [...new Set(rows.flatMap((r) => (r.month ? [r.month] : [])))];
    if (!months.length) return new Set();
    const current = await repo.currentReturns({ forces: [...new Set(rows.map((r) => r.force))], months });
    return new Set(current.map((r) => r.id));
  }

  async function summaryOf(id: string): Promise<ReturnSummaryRow> {
    const row = await repo.findSummary({ id });
    if (!row) throw notFound('return');
    return row;
  }
}

export type ReturnsService = ReturnType<typeof createReturnsService>;
