import type { ColumnKey, SheetKey } from '../columns.js';
import type { Ctx, Rec } from '../context.js';
import type { Severity } from '../problem.js';

/**
 * Reports one problem under the rule being run. `key` pins it to a column
 * (the cell is found from where that column sits in the analyst's sheet);
 * `value` defaults to the text of that cell.
 */
export interface Report {
  <S extends SheetKey>(sheet: S, rec: Rec<S> | null, key: ColumnKey<S> | null, message: string, value?: string | null): void;
  /** A problem at an explicit place: a header cell, or a sheet that is not part of the return. */
  at(place: Place, message: string, value?: string | null): void;
}

export interface Place {
  sheet: string | null;
  row: number | null;
  /** 0-based column. */
  col: number | null;
  column: string | null;
}

/** Columns each sheet must have (and each row must fill) under a rule set; see §9 for why this varies. */
export type RequiredColumns = { [S in SheetKey]: readonly ColumnKey<S>[] };

export interface RuleEnv {
  required: RequiredColumns;
  /** Guidance versions the service knows (V2-RETURN-VERSION). */
  versions: readonly number[];
}

/** One rule of the guidance, as data: what it is for (docs, template) and how it is checked. */
export interface RuleDef {
  /** Guidance id, e.g. `V2-LINE-REF`. */
  id: string;
  severity: Severity;
  sheet: SheetKey | 'file';
  /** Headers the rule reads, for the docs. */
  columns: readonly string[];
  description: string;
  /**
   * Checks beyond reading each cell. Unreadable and missing values of the
   * columns the rule owns (columns.ts `rule`) are reported by the engine,
   * so a check only sees values that were read, and null for the rest.
   */
  check?: (ctx: Ctx, report: Report, env: RuleEnv) => void;
}

export const rule = (def: RuleDef): RuleDef => def;
