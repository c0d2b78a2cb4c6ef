import { describe, expect, it } from 'vitest';
import { comparisonWords, pairInWords, reasonWords, ukDate } from '../../src/regional/evidence-words.js';
import type { ComparisonEvidence, ReviewPair } from '../../src/regional/model.js';

// The review queue's comparisons and reasons in words (issue #11 point 8).

const ev = (comparison: string, level: string, detail: string, weight = 1): ComparisonEvidence => ({ comparison, level, weight, detail });
const side = (force: string, ref: string, mergedId: string, fields: Record<string, string[]> = {}, months = ['2024-03']) => ({
  key: `${force}|${ref}`, force, ref, months, mergedId, fields,
});

describe('comparisons in words', () => {
  it('reads dates as UK dates', () => {
    expect(ukDate('1998-05-04')).toBe('04/05/1998');
    expect(ukDate('not a date')).toBe('not a date');
  });

  it('says what agreed and what differed, naming the values', () => {
    expect(comparisonWords(ev('dob', 'EXACT', '1998-05-04 / 1998-05-04'))).toBe('same date of birth 04/05/1998');
    expect(comparisonWords(ev('dob', 'DAY_MONTH_SWAPPED', '1998-05-04 / 1998-04-05'))).toBe('dates of birth with day and month swapped: 04/05/1998 / 05/04/1998');
    expect(comparisonWords(ev('dob', 'DIGITS_TRANSPOSED', '1999-01-20 / 1999-01-02'))).toBe('dates of birth with two digits the wrong way round: 20/01/1999 / 02/01/1999');
    expect(comparisonWords(ev('surname', 'PHONETIC', 'OKAFOR / OKAFOUR'))).toBe('surnames sound alike: OKAFOR / OKAFOUR');
    expect(comparisonWords(ev('surname', 'SWAPPED', 'JONES = forename JONES'))).toBe("surname and forename swapped: JONES is the other's forename JONES");
    expect(comparisonWords(ev('forenames', 'NICKNAME_OR_VARIANT', 'DANIEL / DANNY'))).toBe('forenames are forms of one name: DANIEL / DANNY');
    expect(comparisonWords(ev('pnc', 'DIFFERENT', '98/1234567L / 01/7654321Z', -13))).toBe('two different PNC IDs: 98/1234567L / 01/7654321Z');
    expect(comparisonWords(ev('pnc', 'EQUAL', 'shared PNC ID 98/1234567L: certain match, other comparisons not scored', 0))).toBe('same PNC ID 98/1234567L: certainly one person');
    expect(comparisonWords(ev('phones', 'SHARED', '+447700900555'))).toBe('same phone number +447700900555');
    expect(comparisonWords(ev('streetNames', 'SHARED_NAME_DERIVED', 'LIL T'))).toBe('same street name LIL T, but one made from the forename, which many share');
    expect(comparisonWords(ev('dob', 'MISSING', 'missing on one side', 0))).toBe('date of birth not recorded on both, so not compared');
    expect(comparisonWords(ev('importingAreas', 'OVERLAP', 'NTH:CORBY'))).toBe('both supply NTH: CORBY');
    expect(comparisonWords(ev('origin', 'SAME_AREA', 'MET: Lambeth'))).toBe('their lines run from the same area, MET: Lambeth');
    expect(comparisonWords(ev('role', 'SAME', 'LINE_HOLDER'))).toBe('both recorded as line holder');
    expect(comparisonWords(ev('role', 'DIFFERENT', 'LINE_HOLDER / RUNNER, STREET_DEALER', -0.6))).toBe('recorded in different roles: line holder / runner, street dealer');
    expect(comparisonWords(ev('role', 'MISSING', 'missing on one side', 0))).toBe('role not known to both (associate and unknown say nothing of it), so not compared');
    expect(comparisonWords(ev('origin', 'DIFFERENT_FORCE', 'MET: Lambeth / MER: Toxteth', -3.7))).toBe('their lines run from different exporting forces: MET: Lambeth / MER: Toxteth');
    expect(comparisonWords(ev('associates', 'TWO_OR_MORE', '3 in common', 6.6))).toBe('work with the same people on other lines: 3 people in common, as resolved across forces');
    expect(comparisonWords(ev('dealNumber', 'SHARED', '+447700900002: certain match'))).toBe('same deal number +447700900002: certainly one line');
    // A comparison these words do not know yet still reads, with its detail.
    expect(comparisonWords(ev('tattoo', 'SAME_PLACE', 'left arm'))).toBe('tattoo: same place (left arm)');
  });

  it('names the line two people are both on', () => {
    const pair = { a: side('LEI', 'LEI-N006', 'P-1', { lineRefs: ['LEI-L002'] }), b: side('NTH', 'NTH-80', 'P-2', { lineRefs: ['NTH-L2', 'NTH-L3'] }) };
    const names: Record<string, string> = { 'LEI|LEI-L002': 'BUGZY', 'NTH|NTH-L2': 'BUGZY', 'NTH|NTH-L3': 'ZED' };
    expect(comparisonWords(ev('sharedLine', 'SHARED', '4'), pair, { lineName: (k) => names[k] })).toBe('both on line BUGZY');
    expect(comparisonWords(ev('sharedLine', 'SHARED', '4'), pair)).toBe('both on one line (joined on a deal number)');
  });
});

describe('why a pair is queued, in words', () => {
  const base = { kind: 'person' as const, weight: 6.9, a: side('LEI', 'LEI-N005', 'P-A'), b: side('NTH', 'NTH-80', 'P-B') };

  it('names the records of one force a join would put together', () => {
    const members: Record<string, { force: string; ref: string; months: string[] }[]> = {
      'P-A': [{ force: 'LEI', ref: 'LEI-N005', months: ['2024-03'] }],
      'P-B': [{ force: 'NTH', ref: 'NTH-80', months: ['2024-03'] }, { force: 'LEI', ref: 'LEI-N006', months: ['2024-03'] }],
    };
    expect(reasonWords({ ...base, reason: 'BLOCKED_BY_CONSTRAINT' }, { membersOf: (id) => members[id] })).toBe(
      "held apart: joining them would make one person of two LEI records (LEI-N005 and LEI-N006), and one force's refs are different people unless those two match each other directly",
    );
  });

  it("falls back to the analyst's decision when no force holds two of their records", () => {
    expect(reasonWords({ ...base, reason: 'BLOCKED_BY_CONSTRAINT' })).toBe('held apart: an analyst decided that a record of one and a record of the other are different people');
    expect(reasonWords({ ...base, reason: 'NAME_ONLY' })).toMatch(/^only the names agree: nothing else .* ties them/);
  });

  it('says a line pair is held apart by one force reporting both in one month', () => {
    const line = { kind: 'line' as const, weight: 5, reason: 'BLOCKED_BY_CONSTRAINT' as const, a: side('LEI', 'LEI-L001', 'L-A'), b: side('NTH', 'NTH-L1', 'L-B') };
    const members: Record<string, { force: string; ref: string; months: string[] }[]> = {
      'L-A': [{ force: 'LEI', ref: 'LEI-L001', months: ['2024-03'] }],
      'L-B': [{ force: 'NTH', ref: 'NTH-L1', months: ['2024-03'] }, { force: 'LEI', ref: 'LEI-L009', months: ['2024-03'] }],
    };
    expect(reasonWords(line, { membersOf: (id) => members[id] })).toBe('held apart: joining them would make one line of two lines LEI 2024-03 reported in the same month (LEI-L001 and LEI-L009)');
  });

  it('summarises a pair, most telling comparison first, weight last', () => {
    const pair: ReviewPair = {
      key: 'LEI|LEI-N005||NOT|NOT-N9', ...base, b: side('NOT', 'NOT-N9', 'P-C'), probability: 0.9, reason: 'BETWEEN_THRESHOLDS', weight: 3.15,
      evidence: [ev('surname', 'EXACT', 'OKAFOR / OKAFOR', 5.66), ev('forenames', 'NICKNAME_OR_VARIANT', 'DANIEL / DANNY', 5.49), ev('dob', 'MISSING', 'missing on one side', 0), ev('sharedLine', 'DISJOINT', '0 / 2', -0.83)],
    };
    const worded = pairInWords(pair);
    expect(worded.evidence.map((e) => e.text)).toEqual(['same surname OKAFOR', 'forenames are forms of one name: DANIEL / DANNY', 'date of birth not recorded on both, so not compared', 'on different lines']);
    expect(worded.reasonText).toBe('undecided: the evidence (match weight 3.1) is too strong to keep them apart and too weak to join them');
    expect(worded.summary).toBe('same surname OKAFOR; forenames are forms of one name: DANIEL / DANNY; on different lines (match weight 3.1, probability 0.90)');
  });
});
