import type { ComparisonEvidence } from './model.js';
import type { NameVariant, PersonRecord } from './records.js';
import { PERSON_MODEL, type Level } from './person-model.js';
import { forenameForms } from './normalise.js';
import { jaroWinkler, withinOneEdit } from './similarity.js';
import { compareOrigins } from './origin.js';

// Pairwise comparison of person records under the Fellegi–Sunter model
// (Fellegi & Sunter 1969), laid out the way the Ministry of Justice's Splink
// does it (https://moj-analytical-services.github.io/splink/): each
// comparison has ordered levels; each level has m = P(level | same person)
// and u = P(level | different people); its match weight is log2(m/u). A
// pair's total match weight is the prior weight plus the sum over
// comparisons; a null level (value missing on either side) weighs 0.
//
// Parameters: person-model.ts.

type Model = typeof PERSON_MODEL;
type ComparisonName = Exclude<keyof Model, 'priorWeight'>;

const round = (x: number) => Math.round(x * 100) / 100;

// Details are built only when explaining (the pair is kept); most compared
// pairs are scored and dropped, so the hot path allocates no strings.
let explaining = true;
type Part = string | string[] | null;
const fmt = (p: Part) => (Array.isArray(p) ? p.join(', ') : (p ?? ''));

const WEIGHTS: Record<string, Record<string, number>> = {};
// Without details, a level's evidence is always the same object: scoring shares one (frozen) per level
// and per missing comparison rather than allocating them for pairs that are dropped.
const PLAIN: Record<string, Record<string, ComparisonEvidence>> = {};
const PLAIN_MISSING: Record<string, ComparisonEvidence> = {};
for (const [comparison, levels] of Object.entries(PERSON_MODEL)) {
  if (typeof levels === 'number') continue;
  WEIGHTS[comparison] = {};
  PLAIN[comparison] = {};
  for (const [level, { m, u }] of Object.entries(levels as unknown as Record<string, Level>)) {
    WEIGHTS[comparison][level] = round(Math.log2(m / u));
    PLAIN[comparison][level] = Object.freeze({ comparison, level, weight: WEIGHTS[comparison][level], detail: '' });
  }
  PLAIN_MISSING[comparison] = Object.freeze({ comparison, level: 'MISSING', weight: 0, detail: 'missing on one side' });
}

function ev<C extends ComparisonName>(
  comparison: C, level: keyof Model[C] & string, left: Part, right: Part = null, sep = ' / ', tfU?: number,
): ComparisonEvidence {
  if (!explaining && tfU === undefined) return PLAIN[comparison][level];
  let weight = WEIGHTS[comparison][level];
  if (tfU !== undefined) weight = round(Math.log2((PERSON_MODEL[comparison][level] as unknown as Level).m / tfU));
  const detail = explaining ? (right === null ? fmt(left) : `${fmt(left)}${sep}${fmt(right)}`) : '';
  return { comparison, level, weight, detail };
}

/** What the comparisons know about the whole set of records being merged. */
export interface CompareContext {
  priorWeight: number;
  /** Frequency of a folded surname / a first forename among the records, when term-frequency adjustment is on. */
  surnameFrequency?: (surnameFolded: string) => number;
  forenameFrequency?: (forename: string) => number;
  aliasFrequency?: (alias: string) => number;
  /** Share of the records with a role recorded (bar ASSOCIATE and UNKNOWN) that have this one. */
  roleFrequency?: (role: string) => number;
  /**
   * For a record's i-th line group (i-th origin, origin.ts): the share of its force's records on that
   * line group (on lines from that origin), the chance a record of that force is there by chance.
   */
  lineShare?: (r: PersonRecord, i: number) => number;
  originShare?: (r: PersonRecord, i: number) => number;
}
export const DEFAULT_CONTEXT: CompareContext = { priorWeight: PERSON_MODEL.priorWeight };
const TF_FLOOR = { surname: 0.0003, forenames: 0.001, streetNames: 0.001, sharedLine: 0.0005, role: 0.02 };
const missing = (comparison: ComparisonName, detail?: string): ComparisonEvidence =>
  !explaining && detail === undefined ? PLAIN_MISSING[comparison] : { comparison, level: 'MISSING', weight: 0, detail: detail ?? 'missing on one side' };

/** A typo apart: Jaro–Winkler ≥ 0.92, or one slip in a name of 4+ letters. */
function similarName(x: string, y: string): boolean {
  return jaroWinkler(x, y) >= 0.92 || (Math.min(x.length, y.length) >= 4 && withinOneEdit(x, y));
}

/**
 * One name is the other with two or more letters added at its end: as surnames, another family's name
 * (RICHARDS / RICHARDSON, JOHNS / JOHNSON), not a slip of the keys, however alike they look and sound.
 * (Forenames are cut short by the person or the force, KWAME / KWAMENA: not for them.)
 */
function builtOn(x: string, y: string): boolean {
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return long.length - short.length >= 2 && long.startsWith(short);
}

function sharesToken(xs: string[], ys: string[]): boolean {
  for (const t of xs) {
    if (t.length < 2) continue;
    for (const u of ys) if (u === t || (t.length >= 5 && similarName(t, u))) return true;
  }
  return false;
}

function initialOf(x: NameVariant, y: NameVariant): boolean {
  return x.forename!.length === 1 && y.forename!.startsWith(x.forename!);
}

/**
 * One record's surname is the other's forename (as typed, folded, or all forenames joined), give
 * or take a typo or a nickname (TASH, WILLIAMS vs WILLIAMS, NATASHA).
 */
function fitsSwapped(surname: string, other: NameVariant): boolean {
  const like = (name: string) => !builtOn(name, surname) && similarName(name, surname);
  if (surname === other.foreJoined || (other.forename && like(other.forename))) return true;
  for (const f of other.foreForms) if (f === surname || like(f)) return true;
  return forenameForms(surname).some((f) => other.foreForms.includes(f));
}

function surnameLevel(a: NameVariant, b: NameVariant): keyof Model['surname'] {
  if (a.surname === b.surname) return 'EXACT';
  if (a.surnameFolded === b.surnameFolded) return 'FOLDED';
  // Double-barrelled used in part: SMITH-JONES vs JONES (or FORBBES).
  if ((a.surnameTokens.length > 1 || b.surnameTokens.length > 1) && sharesToken(a.surnameTokens, b.surnameTokens)) return 'FOLDED';
  const jw = jaroWinkler(a.surnameFolded, b.surnameFolded);
  // similarName, with the Jaro–Winkler already computed, for surnames not built on one another.
  const built = builtOn(a.surnameFolded, b.surnameFolded);
  if (!built && (jw >= 0.92 || (Math.min(a.surnameFolded.length, b.surnameFolded.length) >= 4 && withinOneEdit(a.surnameFolded, b.surnameFolded)))) return 'TYPO';
  if (!built && a.surnameKey === b.surnameKey) return 'PHONETIC';
  if (jw >= 0.8) return 'SIMILAR';
  return 'DIFFERENT';
}

function forenameLevel(a: NameVariant, b: NameVariant): keyof Model['forenames'] | null {
  if (!a.forename || !b.forename) return null;
  if (a.forename === b.forename) {
    const full = a.foreTokens.length > 1 && a.foreTokens.join(' ') === b.foreTokens.join(' ');
    return full ? 'EXACT_WITH_MIDDLE' : 'EXACT';
  }
  if (a.foreForms.some((f) => b.foreForms.includes(f))) return 'NICKNAME_OR_VARIANT';
  if (similarName(a.forename, b.forename) || similarName(a.foreCanon!, b.foreCanon!)) return 'TYPO';
  if (initialOf(a, b) || initialOf(b, a) || a.foreTokens.some((t) => t.length > 1 && b.foreTokens.includes(t))) {
    return 'OTHER_FORENAME_OR_INITIAL';
  }
  if (a.foreKey === b.foreKey) return 'PHONETIC';
  return 'DIFFERENT';
}

/** Surname and forename of a then b, trying the swapped alignment (JONES, DAVID vs DAVID, JONES). */
function compareNames(a: PersonRecord, b: PersonRecord, ctx: CompareContext): ComparisonEvidence[] {
  let best: ComparisonEvidence[] = [];
  let bestWeight = -Infinity;
  for (const x of a.names) {
    for (const y of b.names) {
      const s = surnameLevel(x, y);
      const f = forenameLevel(x, y);
      const sTf = s === 'EXACT' && ctx.surnameFrequency ? Math.max(TF_FLOOR.surname, ctx.surnameFrequency(x.surnameFolded)) : undefined;
      const fTf = f === 'EXACT' && ctx.forenameFrequency ? Math.max(TF_FLOOR.forenames, ctx.forenameFrequency(x.forename!)) : undefined;
      let pair = [
        ev('surname', s, x.surname, y.surname, ' / ', sTf),
        f ? ev('forenames', f, x.forename, y.forename, ' / ', fTf) : missing('forenames'),
      ];
      if (s === 'DIFFERENT' && x.forename && y.forename) {
        const swapped = fitsSwapped(x.surnameFolded, y) && fitsSwapped(y.surnameFolded, x);
        if (swapped) {
          pair = [
            ev('surname', 'SWAPPED', x.surname, y.forename, ' = forename '),
            ev('forenames', 'SWAPPED', x.forename, y.surname, ' = surname '),
          ];
        }
      } else if (s === 'DIFFERENT' && (x.forename === null) !== (y.forename === null)) {
        // One name only, and it is the other's forename (NADIA vs SHAH, NADIA): a force that typed the
        // forename into the surname column. The surname is then unknown on that side, not different.
        const [only, full] = x.forename === null ? [x, y] : [y, x];
        if (fitsSwapped(only.surnameFolded, full)) {
          pair = [missing('surname', `${only.surname} = forename ${full.forename}`), ev('forenames', 'SWAPPED', only.surname, full.forename, ' = forename ')];
        }
      }
      const w = pair[0].weight + pair[1].weight;
      if (w > bestWeight) (bestWeight = w), (best = pair);
    }
  }
  return best;
}

function pncLevel(x: string, y: string): keyof Model['pnc'] {
  return x.slice(0, -1) === y.slice(0, -1) ? 'CHECK_LETTER_ONLY' : 'DIFFERENT';
}

/** x[i, i+n) === y[j, j+n), without slicing. */
function sameAt(x: string, i: number, y: string, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (x.charCodeAt(i + k) !== y.charCodeAt(j + k)) return false;
  return true;
}

// Dates of birth are YYYY-MM-DD (validated at import): their parts are compared in place, as most
// candidate pairs compare two dates and splitting them made five strings and two arrays a pair.
function dobLevel(x: string, y: string): keyof Model['dob'] {
  if (x === y) return 'EXACT';
  if (sameAt(x, 0, y, 0, 4) && sameAt(x, 5, y, 8, 2) && sameAt(x, 8, y, 5, 2)) return 'DAY_MONTH_SWAPPED';
  if (sameAt(x, 5, y, 5, 5) && Math.abs(Number(x.slice(0, 4)) - Number(y.slice(0, 4))) === 1) return 'YEAR_OFF_BY_ONE';
  let diff = 0;
  let first = -1;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && diff++ === 0) first = i;
  if (diff === 1) return 'ONE_DIGIT';
  // Two neighbouring digits typed the wrong way round (1999-01-20 / 1999-01-02), the commonest slip of the keys after one wrong digit.
  return diff === 2 && x[first] === y[first + 1] && x[first + 1] === y[first] ? 'DIGITS_TRANSPOSED' : 'DIFFERENT';
}

function bestOf<C extends ComparisonName>(
  comparison: C,
  xs: string[],
  ys: string[],
  level: (x: string, y: string) => keyof Model[C] & string,
): ComparisonEvidence {
  if (xs.length === 0 || ys.length === 0) return missing(comparison);
  let best: ComparisonEvidence | null = null;
  for (const x of xs) for (const y of ys) {
    const e = ev(comparison, level(x, y), x, y);
    if (!best || e.weight > best.weight) best = e;
  }
  return best!;
}

function setComparison<C extends ComparisonName>(
  comparison: C,
  xs: string[],
  ys: string[],
  shared: keyof Model[C] & string,
  disjoint: keyof Model[C] & string,
): ComparisonEvidence {
  if (xs.length === 0 || ys.length === 0) return missing(comparison);
  const anyCommon = xs.some((x) => ys.includes(x));
  if (!anyCommon) return ev(comparison, disjoint, xs, ys);
  return ev(comparison, shared, explaining ? xs.filter((x) => ys.includes(x)) : null);
}

/** LIL T, T-DOG: a street name made from an initial, shared by anyone whose forename starts with it. */
const INITIAL_DERIVED = /^(LIL|BIG|YOUNG)?[A-Z]$|^[A-Z]DOG$/;

/** BIG MIKE, YOUNG TYRESE: a street name made from one of the person's forenames. */
function nameDerived(alias: string, r: PersonRecord): boolean {
  return r.names.some((n) => n.foreTokens.some((t) => t.length > 2 && alias.includes(t)) || (n.forename !== null && n.forename.length > 2 && alias.includes(n.forename)));
}

const hasForename = (r: PersonRecord) => r.names.some((n) => n.forename !== null);

function aliasComparison(a: PersonRecord, b: PersonRecord, ctx: CompareContext): ComparisonEvidence {
  if (a.aliases.length === 0 || b.aliases.length === 0) return missing('streetNames');
  const common = a.aliases.filter((x) => b.aliases.includes(x));
  if (common.length) {
    // A street name made from a forename repeats the forename comparison when both records have a forename;
    // when one has none (ADAMS, YOUNG DARREN / ADAMS, DARREN, YOUNG DARREN) it is the only sign of it.
    const named = hasForename(a) && hasForename(b);
    const distinctive = common.filter((x) => !INITIAL_DERIVED.test(x) && !(named && (nameDerived(x, a) || nameDerived(x, b))));
    if (distinctive.length === 0) return ev('streetNames', 'SHARED_NAME_DERIVED', common);
    const tf = ctx.aliasFrequency ? Math.max(TF_FLOOR.streetNames, Math.min(...distinctive.map(ctx.aliasFrequency))) : undefined;
    return ev('streetNames', 'SHARED', distinctive, null, ' / ', tf);
  }
  for (const x of a.aliases) for (const y of b.aliases) {
    if (Math.min(x.length, y.length) >= 4 && jaroWinkler(x, y) >= 0.92) return ev('streetNames', 'SIMILAR', x, y);
  }
  return ev('streetNames', 'DISJOINT', a.aliases, b.aliases);
}

/**
 * Both on one line. With line frequencies, u is the chance a record of the other force is on
 * that line by chance (its share of the force's records, the larger of the two sides): one line
 * among a region's thousands says more than one among a handful.
 */
function lineComparison(a: PersonRecord, b: PersonRecord, ctx: CompareContext): ComparisonEvidence {
  const e = setComparison('sharedLine', a.lineGroups, b.lineGroups, 'SHARED', 'DISJOINT');
  if (e.level !== 'SHARED' || !ctx.lineShare) return e;
  let u = Infinity;
  for (let i = 0; i < a.lineGroups.length; i++) {
    const j = b.lineGroups.indexOf(a.lineGroups[i]);
    if (j >= 0) u = Math.min(u, Math.max(ctx.lineShare(a, i), ctx.lineShare(b, j)));
  }
  return ev('sharedLine', 'SHARED', e.detail, null, ' / ', Math.max(TF_FLOOR.sharedLine, u));
}

// Without details a role's evidence depends on the role alone (its share, compareContext): one frozen
// object per role and context, not one per compared pair (most candidate pairs share a role).
const PLAIN_ROLE = new WeakMap<CompareContext, Map<string, ComparisonEvidence>>();

function sameRole(role: string, ctx: CompareContext): ComparisonEvidence {
  const tfU = ctx.roleFrequency ? Math.max(TF_FLOOR.role, ctx.roleFrequency(role)) : undefined;
  if (explaining) return ev('role', 'SAME', role, null, ' / ', tfU);
  const byRole = PLAIN_ROLE.get(ctx) ?? PLAIN_ROLE.set(ctx, new Map()).get(ctx)!;
  return byRole.get(role) ?? byRole.set(role, Object.freeze(ev('role', 'SAME', role, null, ' / ', tfU))).get(role)!;
}

/** Both recorded in one role (the rarest they share counts), or only in different ones. */
function roleComparison(a: PersonRecord, b: PersonRecord, ctx: CompareContext): ComparisonEvidence {
  if (a.roles.length === 0 || b.roles.length === 0) return missing('role');
  let best: ComparisonEvidence | null = null;
  for (const r of a.roles) {
    if (!b.roles.includes(r)) continue;
    const e = sameRole(r, ctx);
    if (!best || e.weight > best.weight) best = e;
  }
  return best ?? ev('role', 'DIFFERENT', a.roles, b.roles);
}

export interface PairScore {
  /** Certain match on a shared PNC ID: the score is not used. */
  certain: string | null;
  weight: number;
  probability: number;
  evidence: ComparisonEvidence[];
}

export const probabilityOf = (weight: number) => 1 / (1 + 2 ** -weight);

/** Compare two person records. A shared PNC ID makes the pair certain; otherwise the total match weight decides. */
export function comparePeople(a: PersonRecord, b: PersonRecord, ctx: CompareContext = DEFAULT_CONTEXT, explain = true): PairScore {
  explaining = explain;
  try {
    return score(a, b, ctx);
  } finally {
    explaining = true;
  }
}

function score(a: PersonRecord, b: PersonRecord, ctx: CompareContext): PairScore {
  const pa = a.pncIds.values();
  const pb = b.pncIds.values();
  const sharedPnc = pa.find((p) => pb.includes(p));
  if (sharedPnc) {
    const detail = `shared PNC ID ${sharedPnc}: certain match, other comparisons not scored`;
    return { certain: sharedPnc, weight: Infinity, probability: 1, evidence: [{ comparison: 'pnc', level: 'EQUAL', weight: 0, detail }] };
  }
  const district = setComparison('postcodeDistrict', a.postcodeDistricts.values(), b.postcodeDistricts.values(), 'SAME', 'DIFFERENT');
  const line = lineComparison(a, b, ctx);
  const pnc = pa.length && pb.length ? bestOf('pnc', pa, pb, pncLevel) : missing('pnc');
  const evidence = [
    ...compareNames(a, b, ctx),
    bestOf('dob', a.dobs.values(), b.dobs.values(), dobLevel),
    pnc,
    aliasComparison(a, b, ctx),
    setComparison('phones', a.phones.values(), b.phones.values(), 'SHARED', 'DISJOINT'),
    district,
    setComparison('gender', a.knownGenders, b.knownGenders, 'SAME', 'DIFFERENT'),
    roleComparison(a, b, ctx),
    line,
  ];
  // Records on one line run from its area, and people live near where their lines run from: a shared line
  // or home district already says "same area", so the origin then only counts against (independent
  // evidence is summed, the same evidence twice is not).
  const origin = compareOrigins(a, b, ctx.originShare, explaining);
  const local = district.level === 'SAME' || line.level === 'SHARED';
  if (origin) evidence.push(origin.weight > 0 && local ? { ...origin, weight: 0 } : origin);
  // Two different PNC IDs (not a check-letter slip) are two people, as one shared PNC ID is one:
  // no name, line or area agreeing outweighs the national identifier.
  if (pnc.level === 'DIFFERENT') return { certain: null, weight: -Infinity, probability: 0, evidence };
  const weight = round(ctx.priorWeight + evidence.reduce((s, e) => s + e.weight, 0));
  return { certain: null, weight, probability: probabilityOf(weight), evidence };
}

/** "surname EXACT +8.2, dob EXACT +13.1, …" — the explanation of a scored pair. */
export function describeEvidence(evidence: ComparisonEvidence[]): string {
  return evidence
    .filter((e) => e.level !== 'MISSING')
    .map((e) => `${e.comparison} ${e.level} ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(1)} (${e.detail})`)
    .join('; ');
}
