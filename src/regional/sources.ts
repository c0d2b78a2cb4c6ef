import type { ReturnMeta } from '../matrix/model.js';
import type { ReturnsRepository, ReturnSummaryRow } from '../matrix/returns.repository.js';
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The current accepted return of each force for each month, nil ones included, in force and month order. */
async function currentReturns(repo: ReturnsRepository, forces: string[], months: string[]): Promise<ReturnSummaryRow[]> {
  // In force and month order whatever order they were uploaded in, or the database returned them:
  // the merge reads first-seen values and rows in input order.
  return (await repo.currentReturns({ forces, months })).sort((a, b) => byCodePoint(a.force, b.force) || byCodePoint(a.month ?? '', b.month ?? ''));
}

/** A return a worker is sent (merge-task.ts, analysis-task.ts): what a ReturnInput holds but its tables. */
export interface ReturnRef {
  returnId: string;
  force: string;
  month: string;
  meta: ReturnMeta;
}

const toRef = (r: ReturnSummaryRow): ReturnRef => ({ returnId: r.id, force: r.force, month: r.month!, meta: r.meta as ReturnMeta });

/** The current accepted return of each force for each month (nil ones included), and the non-nil ones to read for a merge. */
export async function loadCurrentReturns(repo: ReturnsRepository, forces: string[], months: string[]) {
  const current = await currentReturns(repo, forces, months);
  return { current, inputs: current.filter((r) => !r.nilReturn && r.month).map(toRef) };
}

/** The current non-nil returns of the forces over the months, without their tables. */
export async function loadCurrentReturnsMeta(repo: ReturnsRepository, forces: string[], months: string[]): Promise<ReturnRef[]> {
  return (await loadCurrentReturns(repo, forces, months)).inputs;
}

/**
 * The returns a stored merge used (not nil), by id, in force order: a merge's
 * export shows what went into it, even after a force has resubmitted the month.
 */
export async function usedReturns(repo: ReturnsRepository, used: { force: string; returnId: string; nilReturn: boolean }[], month: string) {
  const wanted = new Set(used.filter((r) => !r.nilReturn).map((r) => r.returnId));
  if (!wanted.size) return [];
  return (await repo.listReturns({ forces: [...new Set(used.map((r) => r.force))], month }))
    .filter((r) => wanted.has(r.id))
    .sort((a, b) => byCodePoint(a.force, b.force))
    .map((r) => ({ returnId: r.id, force: r.force }));
}
