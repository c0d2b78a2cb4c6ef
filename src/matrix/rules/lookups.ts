// Indexes the cross-row and cross-sheet rules share, built once per context
// so every rule stays linear in the number of rows (maps, never nested scans).
import type { Ctx, Rec } from '../context.js';
import type { ColumnKey, SheetKey } from '../columns.js';
import { ageAt } from '../dates.js';

interface Lookups {
  linesByRef: Map<string, Rec<'lines'>>;
  nominalsByRef: Map<string, Rec<'nominals'>[]>;
  rolesByLine: Map<string, Set<string>>;
  /** Lines named by a nominal row whose Role could not be read (already an error there). */
  linesWithUnreadableRole: Set<string>;
}

const cache = new WeakMap<Ctx, Lookups>();

export function lookups(ctx: Ctx): Lookups {
  let l = cache.get(ctx);
  if (!l) {
    l = build(ctx);
    cache.set(ctx, l);
  }
  return l;
}

function build(ctx: Ctx): Lookups {
  const linesByRef = new Map<string, Rec<'lines'>>();
  for (const rec of ctx.sheets.lines.recs) if (rec.v.ref && !linesByRef.has(rec.v.ref)) linesByRef.set(rec.v.ref, rec);
  const nominalsByRef = new Map<string, Rec<'nominals'>[]>();
  const rolesByLine = new Map<string, Set<string>>();
  const linesWithUnreadableRole = new Set<string>();
  for (const rec of ctx.sheets.nominals.recs) {
    const { ref, lineRef, role } = rec.v;
    if (ref) {
      const group = nominalsByRef.get(ref);
      if (group) group.push(rec);
      else nominalsByRef.set(ref, [rec]);
    }
    if (lineRef && !role && rec.bad?.role) linesWithUnreadableRole.add(lineRef);
    if (lineRef && role) {
      const roles = rolesByLine.get(lineRef);
      if (roles) roles.add(role);
      else rolesByLine.set(lineRef, new Set([role]));
    }
  }
  return { linesByRef, nominalsByRef, rolesByLine, linesWithUnreadableRole };
}

/** A value was written in the cell, whether or not it could be read. */
export function isGiven<S extends SheetKey>(rec: Rec<S>, key: ColumnKey<S>): boolean {
  return rec.v[key] !== null || rec.bad?.[key] !== undefined;
}

/** The person's date of birth: the first one given on any of their rows. */
export function personDob(ctx: Ctx, ref: string | null): string | null {
  if (!ref) return null;
  return lookups(ctx).nominalsByRef.get(ref)?.find((r) => r.v.dob)?.v.dob ?? null;
}

/** Age at the end of the reporting month (or today, when the month is unreadable). */
export function ageAtMonthEnd(ctx: Ctx, dob: string): number {
  return ageAt(dob, ctx.monthEnd ?? ctx.now.toISOString().slice(0, 10));
}
