import type { Evidence } from './model.js';

export function compareEvidence(a: Evidence, b: Evidence): number {
  return (
    cmp(a.month, b.month) || cmp(a.force, b.force) || cmp(a.sheet, b.sheet) || a.row - b.row
  );
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const evidenceKey = (e: Evidence) => `${e.force}|${e.month}|${e.sheet}|${e.row}`;

/** Sorted, without duplicates. */
export function tidyEvidence(rows: Evidence[]): Evidence[] {
  let inOrder = true;
  for (let i = 1; i < rows.length && inOrder; i++) inOrder = compareEvidence(rows[i - 1], rows[i]) < 0;
  const sorted = inOrder ? rows.slice() : [...rows].sort(compareEvidence);
  let w = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (w === 0 || compareEvidence(sorted[w - 1], sorted[i]) !== 0) sorted[w++] = sorted[i];
  }
  sorted.length = w;
  return sorted;
}

export const sortedUnique = <T extends string>(values: Iterable<T>): T[] => [...new Set(values)].sort(cmp);

/**
 * Collects up to `max` distinct rows in the order offered; `add` returns false
 * once full, so a factor can stop walking a supplier's whole network.
 */
export class EvidenceCollector {
  readonly rows: Evidence[] = [];
  truncated = false;
  constructor(private readonly max: number) {}

  add(e: Evidence): boolean {
    // A linear scan: the list is short (a dozen rows) and this runs for every
    // factor of every person, where building string keys would cost more.
    for (const r of this.rows) if (r === e || compareEvidence(r, e) === 0) return true;
    if (this.rows.length >= this.max) {
      this.truncated = true;
      return false;
    }
    this.rows.push(e);
    return true;
  }

  addAll(rows: readonly Evidence[], limit = rows.length): boolean {
    for (let i = 0; i < rows.length && i < limit; i++) if (!this.add(rows[i])) return false;
    return true;
  }
}

/** Without duplicates, first occurrence kept, order kept. */
export function uniqueEvidence(rows: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return rows.filter((e) => {
    const k = evidenceKey(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
