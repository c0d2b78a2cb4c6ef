// Validation end to end: read the upload (throwing only when it cannot be read
// at all), run the rule set the return declares, collect every problem, and
// hand back the normalised return when there is no error (STYLE §13).
import { buildContext, type Ctx } from './context.js';
import { SHEETS, SHEET_KEYS } from './columns.js';
import { parseCellRef } from './cell-ref.js';
import type { WorkbookUnreadableError } from './errors.js';
import type { ReadLimits } from './limits.js';
import type { ParsedReturn } from './model.js';
import { toParsedReturn } from './normalise.js';
import type { Problem } from './problem.js';
import type { RawWorkbook } from './raw-workbook.js';
import { readWorkbook } from './read-workbook.js';
import { RULESETS, VERSIONS, ruleSetFor } from './rulesets/index.js';
import { runRuleSet, type RuleSet } from './run-rules.js';

export interface ValidationCounts {
  lines: number;
  nominals: number;
  addresses: number;
  associations: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface ValidationResult {
  problems: Problem[];
  /** The normalised return; null when any problem is an error. */
  parsed: ParsedReturn | null;
  /** The guidance version validated against; null when the return does not declare a known one. */
  guidanceVersion: number | null;
  /** What the Return sheet says, when readable, even if the return is rejected (for filing a rejected attempt). */
  declaredForce: string | null;
  declaredMonth: string | null;
  counts: ValidationCounts;
}

export interface ValidateOptions {
  /** The service's clock (V2-RETURN-MONTH). */
  now: Date;
}

export function validateWorkbook(raw: RawWorkbook, opts: ValidateOptions): ValidationResult {
  const ctx = buildContext(raw, opts.now);
  const declared = ctx.sheets.return.recs[0].v.version;
  const known = RULESETS.some((s) => s.version === declared);
  const set = ruleSetFor(declared);
  const problems = sortProblems(ctx, runWithSuccessor(ctx, set));
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    problems,
    parsed: errors === 0 ? toParsedReturn(ctx, set.version) : null,
    guidanceVersion: known ? set.version : null,
    declaredForce: ctx.force,
    declaredMonth: ctx.month,
    counts: {
      lines: ctx.sheets.lines.recs.length,
      nominals: ctx.sheets.nominals.recs.length,
      addresses: ctx.sheets.addresses.recs.length,
      associations: ctx.sheets.associations.recs.length,
      errors,
      warnings: problems.filter((p) => p.severity === 'warning').length,
      infos: problems.filter((p) => p.severity === 'info').length,
    },
  };
}

export interface ValidateBufferOptions extends ValidateOptions {
  limits?: Partial<ReadLimits>;
  /** Progress for long files (the CLI prints it). */
  onProgress?: (event: { stage: 'reading' } | { stage: 'validating'; rows: number }) => void;
}

/** The report of a file refused before validation: the same shape as any other, its one problem the refusal. */
export function refusalResult(err: WorkbookUnreadableError): ValidationResult {
  return {
    problems: [err.toProblem()],
    parsed: null,
    guidanceVersion: null,
    declaredForce: null,
    declaredMonth: null,
    counts: { lines: 0, nominals: 0, addresses: 0, associations: 0, errors: 1, warnings: 0, infos: 0 },
  };
}

/** Guard, read and validate an upload; throws WorkbookUnreadableError only when the file cannot be read at all. */
export async function validateBuffer(buffer: Buffer, opts: ValidateBufferOptions): Promise<ValidationResult> {
  opts.onProgress?.({ stage: 'reading' });
  const raw = await readWorkbook(buffer, { limits: opts.limits });
  opts.onProgress?.({ stage: 'validating', rows: raw.sheets.reduce((n, s) => n + s.rows.length, 0) });
  return validateWorkbook(raw, { now: opts.now });
}

/**
 * §9: errors of the successor set that this set did not also report (same
 * rule suffix at the same place) are passed on as warnings under their own id.
 */
function runWithSuccessor(ctx: Ctx, set: RuleSet): Problem[] {
  const problems = runRuleSet(ctx, set, VERSIONS);
  if (!set.successor) return problems;
  const placeKey = (p: Problem) => `${p.rule.replace(/^V\d+-/, '')}|${p.sheet}|${p.row}|${p.column}`;
  const reported = new Set(problems.map(placeKey));
  for (const p of runRuleSet(ctx, set.successor, VERSIONS)) {
    if (p.severity === 'error' && !reported.has(placeKey(p))) {
      problems.push({ ...p, severity: 'warning', message: `Under guidance version ${set.successor.version} this is an error: ${p.message}` });
    }
  }
  return problems;
}

/** Sheet by sheet in the order of the guidance, then row, then column. */
function sortProblems(ctx: Ctx, problems: Problem[]): Problem[] {
  const rank = new Map<string, number>();
  SHEET_KEYS.forEach((k, i) => rank.set(ctx.sheets[k].name ?? SHEETS[k].name, i));
  const colOf = (p: Problem) => {
    const address = p.cell ? parseCellRef(p.cell)?.address : undefined;
    const letters = address?.replace(/\d+$/, '') ?? '';
    return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  };
  const keyed = problems.map((p, i) => ({ p, i, s: rank.get(p.sheet ?? '') ?? SHEET_KEYS.length, r: p.row ?? 0, c: colOf(p) }));
  keyed.sort((a, b) => a.s - b.s || a.r - b.r || a.c - b.c || a.i - b.i);
  return keyed.map((k) => k.p);
}
