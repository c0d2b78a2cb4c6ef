import type { ComparisonEvidence, MergeEdge, ReviewPair } from './model.js';

// The review queue in words (issue #11 point 8): each comparison as an
// analyst would say it ("same date of birth 04/05/1998", "surnames sound
// alike: OKAFOR / OKAFOUR", "both on line BUGZY"), the weight secondary; and
// why a pair is queued, naming the constraint that held it apart rather than
// BLOCKED_BY_CONSTRAINT. Comparisons and levels are those of compare.ts
// (people) and lines.ts (lines); the `detail` they carry is "left / right",
// "left = forename right" (swapped names) or a list of shared values.

/** What the words can name beyond the pair itself. */
export interface WordsContext {
  /** A line's name by its record key (`FORCE|LINE REF`). */
  lineName?: (recordKey: string) => string | undefined;
  /** The records of a merged person or line, by merged id. */
  membersOf?: (mergedId: string) => { force: string; ref: string; months: string[] }[] | undefined;
}

type Side = Pick<ReviewPair['a'], 'force' | 'ref' | 'mergedId' | 'fields' | 'months'>;

/** 1998-05-04 → 04/05/1998, as dates are read in the UK; anything else as it came. */
export function ukDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const sides = (detail: string, sep = ' / '): [string, string] => {
  const i = detail.indexOf(sep);
  return i < 0 ? [detail, ''] : [detail.slice(0, i), detail.slice(i + sep.length)];
};
const both = (detail: string, f = (x: string) => x) => {
  const [l, r] = sides(detail);
  return r ? `${l.split(', ').map(f).join(', ')} / ${r.split(', ').map(f).join(', ')}` : detail.split(', ').map(f).join(', ');
};
const left = (detail: string, f = (x: string) => x) => sides(detail)[0].split(', ').map(f).join(', ');
const areaName = (key: string) => key.replace(/^area:/, '').replace(':', ': ');
/** LINE_HOLDER → line holder: a code as an analyst says it. */
const inWords = (code: string) => code.toLowerCase().replace(/_/g, ' ');

/** What a comparison is about, for "… missing on one side". */
const SUBJECT: Record<string, string> = {
  surname: 'surname', forenames: 'forename', dob: 'date of birth', pnc: 'PNC ID', streetNames: 'street name',
  phones: 'phone number', postcodeDistrict: 'home postcode district', gender: 'gender', sharedLine: 'line',
  crew: 'people on their lines', origin: 'where their lines run from', associates: 'people they work with', brand: 'line name', exportingArea: 'exporting area', importingAreas: 'importing area', sharedPeople: 'people',
};

type Words = (detail: string, pair: { a?: Side; b?: Side }, ctx: WordsContext) => string;

/** Line names both records are on (people pairs), from their line refs. */
function sharedLineNames(pair: { a?: Side; b?: Side }, ctx: WordsContext): string[] {
  if (!pair.a || !pair.b || !ctx.lineName) return [];
  const names = (s: Side) => new Set((s.fields.lineRefs ?? []).map((ref) => ctx.lineName!(`${s.force}|${ref}`.toUpperCase())).filter((n): n is string => !!n));
  const b = names(pair.b);
  return [...names(pair.a)].filter((n) => b.has(n)).sort();
}

const WORDS: Record<string, Record<string, Words>> = {
  surname: {
    EXACT: (d) => `same surname ${left(d)}`,
    FOLDED: (d) => `same surname once spelling and spacing are set aside: ${both(d)}`,
    TYPO: (d) => `surnames a typing slip apart: ${both(d)}`,
    PHONETIC: (d) => `surnames sound alike: ${both(d)}`,
    SIMILAR: (d) => `surnames look similar: ${both(d)}`,
    SWAPPED: (d) => `surname and forename swapped: ${sides(d, ' = forename ').join(' is the other\'s forename ')}`,
    DIFFERENT: (d) => `different surnames: ${both(d)}`,
  },
  forenames: {
    EXACT_WITH_MIDDLE: (d) => `same forenames, middle names too: ${left(d)}`,
    EXACT: (d) => `same forename ${left(d)}`,
    NICKNAME_OR_VARIANT: (d) => `forenames are forms of one name: ${both(d)}`,
    TYPO: (d) => `forenames a typing slip apart: ${both(d)}`,
    OTHER_FORENAME_OR_INITIAL: (d) => `one forename is the other's second forename or initial: ${both(d)}`,
    PHONETIC: (d) => `forenames sound alike: ${both(d)}`,
    SWAPPED: (d) => `forename and surname swapped: ${sides(d, ' = surname ').join(' is the other\'s surname ')}`,
    DIFFERENT: (d) => `different forenames: ${both(d)}`,
  },
  dob: {
    EXACT: (d) => `same date of birth ${left(d, ukDate)}`,
    DAY_MONTH_SWAPPED: (d) => `dates of birth with day and month swapped: ${both(d, ukDate)}`,
    YEAR_OFF_BY_ONE: (d) => `dates of birth a year apart: ${both(d, ukDate)}`,
    ONE_DIGIT: (d) => `dates of birth one digit apart: ${both(d, ukDate)}`,
    DIGITS_TRANSPOSED: (d) => `dates of birth with two digits the wrong way round: ${both(d, ukDate)}`,
    DIFFERENT: (d) => `different dates of birth: ${both(d, ukDate)}`,
  },
  pnc: {
    EQUAL: (d) => `same PNC ID ${/^shared PNC ID ([^\s:]+)/.exec(d)?.[1] ?? d}: certainly one person`,
    CHECK_LETTER_ONLY: (d) => `PNC IDs differ only in the check letter: ${both(d)}`,
    DIFFERENT: (d) => `two different PNC IDs: ${both(d)}`,
  },
  streetNames: {
    SHARED: (d) => `same street name ${d}`,
    SHARED_NAME_DERIVED: (d) => `same street name ${d}, but one made from the forename, which many share`,
    SIMILAR: (d) => `street names look similar: ${both(d)}`,
    DISJOINT: (d) => `different street names: ${both(d)}`,
  },
  phones: {
    SHARED: (d) => `same phone number ${d}`,
    DISJOINT: (d) => `different phone numbers: ${both(d)}`,
  },
  postcodeDistrict: {
    SAME: (d) => `same home postcode district ${d}`,
    DIFFERENT: (d) => `different home postcode districts: ${both(d)}`,
  },
  gender: {
    SAME: (d) => `same gender ${d}`,
    DIFFERENT: (d) => `different genders: ${both(d)}`,
  },
  role: {
    SAME: (d) => `both recorded as ${left(d, inWords)}`,
    DIFFERENT: (d) => `recorded in different roles: ${both(d, inWords)}`,
  },
  sharedLine: {
    SHARED: (_d, pair, ctx) => {
      const names = sharedLineNames(pair, ctx);
      return names.length ? `both on line ${names.join(', ')}` : 'both on one line (joined on a deal number)';
    },
    DISJOINT: () => 'on different lines',
  },
  associates: {
    TWO_OR_MORE: (d) => `work with the same people on other lines: ${d.replace(/ in common$/, '')} people in common, as resolved across forces`,
    ONE: () => 'work with one of the same people on other lines, as resolved across forces',
  },
  origin: {
    SAME_AREA: (d) => `their lines run from the same area, ${d}`,
    SAME_FORCE: (d) => `their lines run from different areas of one exporting force: ${d}`,
    DIFFERENT_FORCE: (d) => `their lines run from different exporting forces: ${d}`,
  },
  brand: {
    EXACT: (d) => `same line name ${left(d)}`,
    SIMILAR: (d) => `line names look similar: ${both(d)}`,
  },
  exportingArea: {
    SAME: (d) => `same exporting area ${left(d)}`,
    DIFFERENT: (d) => `different exporting areas: ${both(d)}`,
  },
  importingAreas: {
    OVERLAP: (d) => `both supply ${d.split(', ').map(areaName).join(', ')}`,
    DISJOINT: () => 'no importing area in common',
  },
  sharedPeople: {
    TWO_OR_MORE: (d) => `${d.replace(/ resolved people on both$/, '')} of the same people reported on both`,
    ONE: () => 'one of the same people reported on both',
    NONE: () => 'none of the same people reported on both',
  },
  crew: {
    TWO_OR_MORE: (d) => `work with the same people: ${d.replace(/ people in common on their lines$/, '')} people in common on their lines`,
    ONE: () => 'work with one of the same people on their lines',
    NONE: () => 'no one in common on their lines',
  },
  dealNumber: {
    SHARED: (d) => `same deal number ${d.replace(/: certain match$/, '')}: certainly one line`,
  },
};

/** One comparison in words; the weight is not part of it (the API keeps it beside). */
export function comparisonWords(e: ComparisonEvidence, pair: { a?: Side; b?: Side } = {}, ctx: WordsContext = {}): string {
  if (e.level === 'MISSING') {
    // An associate or unknown role is recorded, but says the force does not know the role.
    if (e.comparison === 'role') return 'role not known to both (associate and unknown say nothing of it), so not compared';
    return `${SUBJECT[e.comparison] ?? e.comparison} not recorded on both, so not compared`;
  }
  const words = WORDS[e.comparison]?.[e.level];
  return words ? words(e.detail, pair, ctx) : `${SUBJECT[e.comparison] ?? e.comparison}: ${inWords(e.level)}${e.detail ? ` (${e.detail})` : ''}`;
}

/** Forces that hold records in both merged entities, with the refs they hold. */
function sharedSlots(kind: ReviewPair['kind'], a: Side, b: Side, ctx: WordsContext): { slot: string; refs: string[] }[] {
  const ma = ctx.membersOf?.(a.mergedId) ?? [{ force: a.force, ref: a.ref, months: a.months }];
  const mb = ctx.membersOf?.(b.mergedId) ?? [{ force: b.force, ref: b.ref, months: b.months }];
  // People: one force's refs are distinct people. Lines: one force's refs in one month are distinct lines.
  const slots = (r: { force: string; months: string[] }) => (kind === 'person' ? [r.force] : r.months.map((m) => `${r.force} ${m}`));
  const out: { slot: string; refs: string[] }[] = [];
  for (const x of ma) {
    for (const y of mb) {
      for (const s of slots(x)) {
        if (x.ref !== y.ref && slots(y).includes(s) && !out.some((o) => o.slot === s)) out.push({ slot: s, refs: [x.ref, y.ref].sort() });
      }
    }
  }
  return out;
}

/** Why the pair is in the queue, in words. */
export function reasonWords(pair: Pick<ReviewPair, 'kind' | 'reason' | 'weight' | 'a' | 'b'>, ctx: WordsContext = {}): string {
  if (pair.reason === 'BETWEEN_THRESHOLDS') {
    return `undecided: the evidence (match weight ${pair.weight.toFixed(1)}) is too strong to keep them apart and too weak to join them`;
  }
  if (pair.reason === 'NAME_ONLY') {
    return 'only the names agree: nothing else (date of birth, PNC ID, phone, line, people in common) ties them, and many people work lines from one area, so namesakes are not joined without an analyst';
  }
  const clash = sharedSlots(pair.kind, pair.a, pair.b, ctx);
  if (clash.length) {
    const { slot, refs } = clash[0];
    return pair.kind === 'person'
      ? `held apart: joining them would make one person of two ${slot} records (${refs.join(' and ')}), and one force's refs are different people unless those two match each other directly`
      : `held apart: joining them would make one line of two lines ${slot} reported in the same month (${refs.join(' and ')})`;
  }
  return `held apart: an analyst decided that a record of one and a record of the other are different ${pair.kind === 'person' ? 'people' : 'lines'}`;
}

export type PairInWords<P extends ReviewPair> = Omit<P, 'evidence'> & {
  evidence: (ComparisonEvidence & { text: string })[];
  reasonText: string;
  summary: string;
};

/** The comparisons that say something, most telling first, in words. */
const tellingWords = (evidence: (ComparisonEvidence & { text: string })[]) =>
  evidence.filter((e) => e.level !== 'MISSING').sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight)).map((e) => e.text).join('; ');

/** A review pair with each comparison in words, the reason in words and a one-line summary. */
export function pairInWords<P extends ReviewPair>(pair: P, ctx: WordsContext = {}): PairInWords<P> {
  const evidence = pair.evidence.map((e) => ({ ...e, text: comparisonWords(e, pair, ctx) }));
  const reasonText = reasonWords(pair, ctx);
  const summary = `${tellingWords(evidence)} (match weight ${pair.weight.toFixed(1)}, probability ${pair.probability.toFixed(2)})`;
  return { ...pair, evidence, reasonText, summary };
}

/** Why a merged person's or line's records were joined, in words, as a review pair is worded. */
export function edgeInWords(edge: MergeEdge): MergeEdge {
  const evidence = edge.evidence.map((e) => ({ ...e, text: comparisonWords(e) }));
  const words = tellingWords(evidence);
  const summary =
    edge.basis === 'DECISION' ? 'an analyst decided they are the same'
    : !words ? edge.explanation
    : edge.weight === null ? words
    : `${words} (match weight ${edge.weight.toFixed(1)}, probability ${edge.probability.toFixed(2)})`;
  return { ...edge, summary, evidence };
}

/** A merged person or line with every join in words. */
export const withEdgesInWords = <E extends { edges: MergeEdge[] }>(entity: E): E => ({ ...entity, edges: entity.edges.map(edgeInWords) });
