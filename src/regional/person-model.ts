// The people model's parameters (see compare.ts for how they are used).
//
// The m/u values were set from domain reasoning and then tuned on the
// synthetic worlds (bench/er-quality.ts); u values for exact agreement are
// roughly 1 / (number of distinct values among the people a region sees).
// Term-frequency adjustment (Splink's `term_frequency_adjustments`): when a
// surname or first forename agrees exactly, u is the value's frequency among
// the records being merged (floored), so SMITH agreeing counts for less than
// OKONKWO. The prior is estimated from the data too (people.ts), since the
// chance that two records are one person falls as the region grows.

/** A comparison level: m = P(level | same person), u = P(level | different people). */
export interface Level {
  m: number;
  u: number;
}

export const PERSON_MODEL = {
  /** log2(λ / (1 − λ)), λ the chance two cross-force records are one person; used only when not estimated from the data (people.ts). */
  priorWeight: -12,
  surname: {
    EXACT: { m: 0.88, u: 0.003 },
    FOLDED: { m: 0.05, u: 0.0008 },
    TYPO: { m: 0.04, u: 0.001 },
    PHONETIC: { m: 0.012, u: 0.002 },
    SIMILAR: { m: 0.008, u: 0.01 },
    SWAPPED: { m: 0.04, u: 0.0005 },
    DIFFERENT: { m: 0.004, u: 0.98 },
  },
  forenames: {
    /** Two or more forenames, all the same (DANIEL JAMES = DANIEL JAMES). */
    EXACT_WITH_MIDDLE: { m: 0.2, u: 0.0005 },
    EXACT: { m: 0.6, u: 0.01 },
    NICKNAME_OR_VARIANT: { m: 0.09, u: 0.002 },
    TYPO: { m: 0.05, u: 0.003 },
    OTHER_FORENAME_OR_INITIAL: { m: 0.03, u: 0.02 },
    PHONETIC: { m: 0.01, u: 0.004 },
    SWAPPED: { m: 0.04, u: 0.0005 },
    DIFFERENT: { m: 0.01, u: 0.96 },
  },
  dob: {
    EXACT: { m: 0.86, u: 0.0001 },
    DAY_MONTH_SWAPPED: { m: 0.03, u: 0.0001 },
    YEAR_OFF_BY_ONE: { m: 0.03, u: 0.0002 },
    ONE_DIGIT: { m: 0.02, u: 0.001 },
    // Two different people's dates are this close about 1 pair in 30,000 (generated region world), a
    // pair one digit apart 1 in 450: u is set as for the day and month swapped.
    DIGITS_TRANSPOSED: { m: 0.02, u: 0.0002 },
    DIFFERENT: { m: 0.06, u: 0.9987 },
  },
  pnc: {
    // A shared PNC ID is never scored: it is a certain match (comparePeople).
    // Same year and serial with another check letter: a mistyped letter (§8
    // makes a wrong letter only a warning), strong but not certain.
    CHECK_LETTER_ONLY: { m: 0.005, u: 0.0000001 },
    DIFFERENT: { m: 0.0001, u: 0.9999 },
  },
  // A street name built from the forename (LIL T, T-DOG, YOUNG TYRESE) is
  // shared by chance by anyone of that name, so it says little once the
  // names already agree. Others are term-frequency adjusted.
  streetNames: {
    SHARED: { m: 0.3, u: 0.004 },
    SHARED_NAME_DERIVED: { m: 0.1, u: 0.05 },
    SIMILAR: { m: 0.05, u: 0.004 },
    DISJOINT: { m: 0.65, u: 0.994 },
  },
  phones: {
    SHARED: { m: 0.3, u: 0.0001 },
    DISJOINT: { m: 0.7, u: 0.9999 },
  },
  postcodeDistrict: {
    SAME: { m: 0.8, u: 0.03 },
    DIFFERENT: { m: 0.2, u: 0.97 },
  },
  // Context: both records are on one line (lines joined on a shared deal
  // number before people are resolved). Forces reporting the same line
  // report the same people on it far more often than chance. u is adjusted
  // like a term frequency (compare.ts): the line's share of each force's
  // records, so one line among a region's thousands counts for more.
  sharedLine: {
    SHARED: { m: 0.45, u: 0.02 },
    DISJOINT: { m: 0.55, u: 0.98 },
  },
  gender: {
    SAME: { m: 0.98, u: 0.55 },
    DIFFERENT: { m: 0.01, u: 0.45 },
  },
  // The role each force recorded (ASSOCIATE and UNKNOWN left out: they say
  // the force does not know it). Forces mostly see one person's place in a
  // line alike (a line holder is a line holder to both), but a runner who
  // also deals is written either way and roles change over months: DIFFERENT
  // counts for little against. u is adjusted like a term frequency
  // (compare.ts): two namesakes both recorded as runners say little, both as
  // controllers much.
  role: {
    SAME: { m: 0.75, u: 0.3 },
    DIFFERENT: { m: 0.45, u: 0.7 },
  },
} as const satisfies Record<string, unknown>;
