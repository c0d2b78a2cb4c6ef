// Code lists of MATRIX-V2 §4–§7. Values match ignoring case, spaces, hyphens
// and underscores (§1), so `Active investigation` = `ACTIVE_INVESTIGATION`.
export const CODES = {
  yesNo: ['YES', 'NO'],
  yesNoUnknown: ['YES', 'NO', 'UNKNOWN'],
  lineStatus: ['ACTIVE', 'DORMANT', 'CLOSED'],
  investigation: ['ACTIVE_INVESTIGATION', 'INTEL_ONLY'],
  drugs: ['HEROIN', 'CRACK', 'COCAINE', 'CANNABIS', 'SPICE', 'MDMA', 'KETAMINE', 'METHAMPHETAMINE', 'OTHER'],
  weapons: ['NONE', 'KNIFE', 'FIREARM', 'OTHER'],
  handling: ['P', 'C'],
  gender: ['M', 'F', 'X', 'U'],
  role: [
    'CONTROLLER',
    'LINE_HOLDER',
    'RUNNER',
    'STREET_DEALER',
    'SUPPLIER',
    'ENFORCER',
    'RECRUITER',
    'CUCKOOED_OCCUPANT',
    'ASSOCIATE',
    'UNKNOWN',
  ],
  vulnerability: [
    'MENTAL_HEALTH',
    'LEARNING_DISABILITY',
    'SUBSTANCE_DEPENDENCY',
    'HOMELESS',
    'MISSING_EPISODES',
    'LOOKED_AFTER_CHILD',
    'CARE_LEAVER',
    'DEBT_BONDAGE',
    'OTHER',
  ],
  addressType: ['CUCKOOED', 'TRAP_HOUSE', 'STASH', 'HOME', 'OTHER'],
  relationship: ['DIRECTS', 'SUPPLIES', 'RECRUITED', 'EXPLOITS', 'FINANCES', 'ASSOCIATE'],
} as const;

export type CodeList = keyof typeof CODES;
export type Code<L extends CodeList> = (typeof CODES)[L][number];
export type Role = Code<'role'>;
export type Relationship = Code<'relationship'>;

const squash = (s: string) => s.toUpperCase().replace(/[\s_-]+/g, '');

// Squashed forms per list, built on first use: matchCode runs once per cell.
const squashed = new Map<CodeList, Map<string, string>>();

/** The canonical code for a typed value, or undefined when it is not in the list. */
export function matchCode<L extends CodeList>(list: L, value: string): Code<L> | undefined {
  let byForm = squashed.get(list);
  if (!byForm) {
    byForm = new Map((CODES[list] as readonly string[]).map((c) => [squash(c), c]));
    squashed.set(list, byForm);
  }
  return byForm.get(squash(value)) as Code<L> | undefined;
}

/**
 * The code a misspelt value most likely meant ("CONTROLER" → CONTROLLER,
 * "HERION" → HEROIN, "Y" → YES), or undefined when no single code is close.
 * Close means: the value starts the code and starts no other, or the code is
 * the only one at the smallest edit distance (a swap of neighbours counts as
 * one edit), which must be 1 for codes under 5 letters and at most 2 otherwise.
 */
export function suggestCode<L extends CodeList>(list: L, value: string): Code<L> | undefined {
  const typed = squash(value);
  if (!typed) return undefined;
  const codes = CODES[list] as readonly string[];
  const starting = codes.filter((c) => squash(c).startsWith(typed));
  if (starting.length === 1) return starting[0] as Code<L>;
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const c of codes) {
    const d = editDistance(typed, squash(c));
    if (d > (squash(c).length < 5 ? 1 : 2) || d > bestDistance) continue;
    if (d < bestDistance) [best, bestDistance] = [[c], d];
    else best.push(c);
  }
  return best.length === 1 ? (best[0] as Code<L>) : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
