// Runs one rule set over a context. Reading each cell is generic: a value that
// could not be read, or a required value left blank, is reported under the
// rule that owns its column (columns.ts); then each rule's own check runs.
import { SHEETS, SHEET_KEYS, type ColumnKey, type ColumnSpec, type SheetKey } from './columns.js';
import { locate, valueText, type Ctx, type Issue, type Rec } from './context.js';
import { cellRef } from './cell-ref.js';
import type { Problem } from './problem.js';
import type { Place, Report, RequiredColumns, RuleDef, RuleEnv } from './rules/types.js';

export interface RuleSet {
  version: number;
  /** Id prefix of this set's rules, e.g. `V2`. */
  prefix: string;
  rules: readonly RuleDef[];
  required: RequiredColumns;
  /**
   * §9: a set run after this one, whose errors that this set did not also
   * report (same rule suffix, same cell) are passed on as warnings.
   */
  successor?: RuleSet;
}

export function runRuleSet(ctx: Ctx, set: RuleSet, versions: readonly number[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(set.rules.map((r) => [r.id, r]));
  const env: RuleEnv = { required: set.required, versions };
  const reporter = (def: RuleDef): Report => {
    const report: Report = Object.assign(
      <S extends SheetKey>(sheet: S, rec: Rec<S> | null, key: ColumnKey<S> | null, message: string, value?: string | null) =>
        problems.push(makeProblem(ctx, def, sheet, rec, key, message, value)),
      { at: (place: Place, message: string, value?: string | null) => problems.push(placedProblem(def, place, message, value ?? null)) },
    );
    return report;
  };
  const owner = (suffix: string | null) => (suffix === null ? undefined : byId.get(`${set.prefix}-${suffix}`));

  for (const s of SHEET_KEYS) readingProblems(ctx, s, set, owner, reporter);
  for (const def of set.rules) def.check?.(ctx, reporter(def), env);
  return problems;
}

function readingProblems<S extends SheetKey>(
  ctx: Ctx,
  s: S,
  set: RuleSet,
  owner: (suffix: string | null) => RuleDef | undefined,
  reporter: (def: RuleDef) => Report,
): void {
  const sheet = ctx.sheets[s];
  if (sheet.name === null) return;
  const specs = SHEETS[s].columns as Record<ColumnKey<S>, ColumnSpec>;
  const required = (set.required[s] as readonly ColumnKey<S>[]).filter((k) => sheet.columns[k] !== undefined);
  for (const rec of sheet.recs) {
    if (rec.bad) {
      for (const [k, issue] of Object.entries(rec.bad) as [ColumnKey<S>, Issue][]) {
        const def = owner(issue.rule);
        if (def && !issue.repeatsBrokenRef) reporter(def)(s, rec, k, issue.message);
      }
    }
    for (const k of required) {
      if (rec.v[k] !== null || rec.bad?.[k]) continue;
      const def = owner(specs[k].rule);
      if (def) reporter(def)(s, rec, k, `${specs[k].header} is required`);
    }
  }
}

function makeProblem<S extends SheetKey>(
  ctx: Ctx,
  def: RuleDef,
  s: S,
  rec: Rec<S> | null,
  key: ColumnKey<S> | null,
  message: string,
  value: string | null | undefined,
): Problem {
  const sheet = ctx.sheets[s];
  const name = sheet.name ?? SHEETS[s].name;
  const { row, col } = locate(sheet, rec, key);
  return {
    rule: def.id,
    severity: def.severity,
    sheet: name,
    row,
    column: key === null ? null : (SHEETS[s].columns as Record<string, ColumnSpec>)[key].header,
    cell: sheet.name !== null && row !== null && col !== null ? cellRef(name, row, col) : null,
    value: value === undefined ? valueText(sheet, rec, key) : value,
    message,
  };
}

function placedProblem(def: RuleDef, place: Place, message: string, value: string | null): Problem {
  const { sheet, row, col, column } = place;
  return {
    rule: def.id,
    severity: def.severity,
    sheet,
    row,
    column,
    cell: sheet !== null && row !== null && col !== null ? cellRef(sheet, row, col) : null,
    value,
    message,
  };
}
