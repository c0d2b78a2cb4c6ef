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
