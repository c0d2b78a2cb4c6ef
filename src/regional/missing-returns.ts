import { z } from 'zod';
import { forcesOfRegion, isRegion, REGIONS } from '../reference/forces.js';

// Which forces of a region have not returned for a month (MATRIX-V2 §8).
// A nil return is an accepted return that says "no lines" — it is not
// missing, but the ROCU sees it listed separately.

export const missingReturnsSchema = z.object({
  region: z.string(),
  month: z.string(),
  expected: z.array(z.string()),
  /** Forces with no accepted return at all for the month. */
  missing: z.array(z.string()),
  /** Forces whose accepted return is a nil return. */
  nil: z.array(z.string()),
  /** Forces with an accepted return that lists lines. */
  reporting: z.array(z.string()),
});
export type MissingReturns = z.infer<typeof missingReturnsSchema>;

/**
 * `acceptedForces`: forces with a current accepted return for the month
 * (nil or not); `nilForces`: those whose accepted return is nil. 'NATIONAL'
 * means every force of every region.
 */
export function missingReturns(region: string, month: string, acceptedForces: string[], nilForces: string[]): MissingReturns {
  const expected = region === 'NATIONAL'
    ? Object.values(REGIONS).flatMap((r) => Object.keys(r.forces))
    : isRegion(region) ? forcesOfRegion(region) : [];
  const accepted = new Set([...acceptedForces, ...nilForces]);
  const nil = new Set(nilForces);
  return {
    region,
    month,
    expected: [...expected].sort(),
    missing: expected.filter((f) => !accepted.has(f)).sort(),
    nil: expected.filter((f) => nil.has(f)).sort(),
    reporting: expected.filter((f) => accepted.has(f) && !nil.has(f)).sort(),
  };
}
