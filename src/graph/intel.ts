// Weight of intelligence behind a link, from the 3x5x2 grading (MATRIX-V2 §8):
// source evaluation 1 reliable / 2 untested / 3 not reliable, intelligence
// assessment A known directly … D not known. E (suspected false) never
// reaches the service (V2-GRADING). The scale is ordinal; these values only
// need to keep its order (1A strongest, 3D weakest) and keep even 3D above zero.

const SOURCE: Record<string, number> = { '1': 1, '2': 0.7, '3': 0.4 };
const ASSESSMENT: Record<string, number> = { A: 1, B: 0.85, C: 0.6, D: 0.35 };

/** Grading strength in (0, 1]; an ungraded row counts as weak, not as nothing. */
export const UNGRADED_STRENGTH = 0.25;

export function gradingStrength(grading: string | null | undefined): number {
  if (!grading || grading.length !== 2) return UNGRADED_STRENGTH;
  const s = SOURCE[grading[0]];
  const a = ASSESSMENT[grading[1].toUpperCase()];
  return s === undefined || a === undefined ? UNGRADED_STRENGTH : s * a;
}

/**
 * Confidence of one link from the rows behind it. Rows from one force are not
 * independent (a force re-reports its own intelligence month after month), so
 * each force contributes its strongest grading once; forces are then combined
 * as independent reports by noisy-OR, 1 − Π(1 − s_f) (Pearl 1988), so more
 * independent forces reporting makes the link stronger, with diminishing return.
 */
export function linkConfidence(rows: readonly { force: string; grading: string | null }[]): number {
  const forces: string[] = [];
  const best: number[] = [];
  for (const r of rows) {
    const s = gradingStrength(r.grading);
    const i = forces.indexOf(r.force);
    if (i < 0) {
      forces.push(r.force);
      best.push(s);
    } else if (s > best[i]) best[i] = s;
  }
  let miss = 1;
  for (const s of best) miss *= 1 - s;
  return 1 - miss;
}
