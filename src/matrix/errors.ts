// A file the service cannot read at all (STYLE §12–13): thrown, never collected,
// because there is nothing cell by cell to report. Everything else is a Problem;
// callers report a refusal as a one-problem report (toProblem), so the API and
// `clim validate --json` answer in one shape whatever went wrong.
// `code` is stable (the API maps it to an HTTP status: matrix.too_large → 413,
// the rest → 422); `message` is written for the analyst and is safe to show.

import type { Problem } from './problem.js';

export const UNREADABLE_CODES = [
  'matrix.not_xlsx',
  'matrix.not_workbook',
  'matrix.truncated',
  'matrix.corrupt',
  'matrix.password_protected',
  'matrix.too_large',
  'matrix.zip_bomb',
  'matrix.unsafe_zip_path',
  'matrix.xml_entities',
  'matrix.too_many_rows',
  'matrix.parse_timeout',
  'matrix.parse_memory',
] as const;

export type UnreadableCode = (typeof UNREADABLE_CODES)[number];

/** The guidance rule a refusal belongs to: size limits are V2-FILE-LIMIT, the rest V2-FILE-FORMAT (§1). */
const LIMIT_CODES: ReadonlySet<UnreadableCode> = new Set([
  'matrix.too_large',
  'matrix.zip_bomb',
  'matrix.too_many_rows',
  'matrix.parse_timeout',
  'matrix.parse_memory',
]);

export class WorkbookUnreadableError extends Error {
  override readonly name = 'WorkbookUnreadableError';
  readonly code: UnreadableCode;
  /** Guidance rule id, so the analyst can look the refusal up (V2-FILE-FORMAT or V2-FILE-LIMIT). */
  readonly rule: 'V2-FILE-FORMAT' | 'V2-FILE-LIMIT';

  constructor(code: UnreadableCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.rule = LIMIT_CODES.has(code) ? 'V2-FILE-LIMIT' : 'V2-FILE-FORMAT';
  }

  /** The refusal as the one problem of a report: rule, severity and message, pinned to no cell. */
  toProblem(): Problem {
    return fileProblem(this.rule, this.message);
  }
}

/** A problem with the file as a whole (no sheet, no cell). */
export function fileProblem(rule: string, message: string): Problem {
  return { rule, severity: 'error', sheet: null, row: null, column: null, cell: null, value: null, message };
}

export function isWorkbookUnreadable(err: unknown): err is WorkbookUnreadableError {
  return err instanceof WorkbookUnreadableError;
}
