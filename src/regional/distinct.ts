// Distinct values of the short lists a merge builds per record and per entity
// (a record's names, line groups, origins; an entity's forces and months).

/**
 * The distinct values of `xs` in first-seen order, as `[...new Set(xs)]`
 * gives them, without a Set: the lists hold a few values, and a Set for each
 * was over a million Sets at bench scale. Returns `xs` itself when it has no
 * repeats, so pass an array of your own.
 */
export function distinct<T extends string | number>(xs: T[]): T[] {
  for (let i = 1; i < xs.length; i++) {
    if (xs.lastIndexOf(xs[i], i - 1) >= 0) return xs.filter((x, j) => xs.indexOf(x) === j);
  }
  return xs;
}
