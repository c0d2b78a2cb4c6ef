import { describe, expect, it } from 'vitest';
import { mergeReturns } from '../../src/regional/merge.js';
import { mergedLineSchema, mergedPersonSchema } from '../../src/regional/model.js';
import { DEFAULT_THRESHOLDS } from '../../src/regional/people.js';
import { packSources, unpackSources } from '../../src/regional/stored-items.js';
import { presets } from '../world/index.js';
import { toReturnInputs } from './evaluate.js';

// The storage form of merged people and lines must read back as the very
// JSON the merge built (the API serves it byte for byte), and keep reading
// the forms stored before it.
const returns = toReturnInputs(presets.small(3).returns);
const result = mergeReturns({
  scope: 'NATIONAL', months: [...new Set(returns.map((r) => r.month))], returns, decisions: [],
  priorPersonIds: new Map(), priorLineIds: new Map(), thresholds: DEFAULT_THRESHOLDS,
});
const stored = (x: object) => JSON.parse(JSON.stringify(packSources(x)));

describe('the storage form of merged entities', () => {
  it('reads back every person and line of a merge as the same JSON, in far less text', () => {
    for (const list of [result.people, result.lines]) {
      expect(list.some((e) => e.edges.length > 0)).toBe(true);
      const texts = list.map((e) => JSON.stringify(packSources(e)));
      expect(texts.map((t) => JSON.stringify(unpackSources(JSON.parse(t))))).toEqual(list.map((e) => JSON.stringify(e)));
      expect(texts.join('').length).toBeLessThan(JSON.stringify(list).length * 0.6);
    }
  });

  it('stores people and lines of the current model by shape (a new field needs a new shape)', () => {
    expect(stored(result.people[0])[0]).toBe('person1');
    expect(stored(result.lines[0])[0]).toBe('line1');
    expect(Object.keys(result.people[0])).toEqual(Object.keys(mergedPersonSchema.shape));
    expect(Object.keys(result.lines[0])).toEqual(Object.keys(mergedLineSchema.shape));
  });

  it('keeps what has no short form as it is: other keys, an explanation not ending in its evidence', () => {
    const evidence = { force: 'LIN', month: '2026-06', sheet: 'Nominals', row: 7 };
    const person = {
      id: 'P-1', extra: 1,
      surnames: [{ value: 'SMITH', sources: [evidence] }, { value: 'SMYTH', sources: [evidence], note: 'kept' }],
      records: [{ key: 'LIN|N1', force: 'LIN', ref: 'N1', months: ['2026-06'] }, { key: 'odd', force: 'LIN', ref: 'N2', months: [] }],
      edges: [
        { a: 'LIN|N1', b: 'LIN|N2', basis: 'DECISION', weight: null, probability: 1, explanation: 'analyst decision: same', evidence: [] },
        { a: 'LIN|N1', b: 'LIN|N2', basis: 'SCORE', weight: 3, probability: 0.9, explanation: 'worded otherwise', evidence: [{ comparison: 'dob', level: 'EXACT', weight: 3, detail: 'x' }] },
        { a: 'LIN|N1', b: 'LIN|N2', basis: 'SCORE', weight: 3, probability: 0.9, explanation: 'p: dob EXACT +3.0 (x)', evidence: [{ comparison: 'dob', level: 'EXACT', weight: 3, detail: 'x' }, { comparison: 'pnc', level: 'MISSING', weight: 0, detail: 'missing on one side' }] },
      ],
    };
    const packed = stored(person);
    expect(Array.isArray(packed)).toBe(false);
    expect(packed.edges[2].explanation).toEqual(['p: ']);
    expect(JSON.stringify(unpackSources(packed))).toBe(JSON.stringify(person));
  });

  it('reads items stored in the earlier forms: in full, and with only their rows pooled', () => {
    const person = result.people.find((p) => p.edges.length > 0)!;
    expect(JSON.stringify(unpackSources(JSON.parse(JSON.stringify(person))))).toBe(JSON.stringify(person));
    const pool: [string, string, string, number][] = [];
    const at = (e: { force: string; month: string; sheet: string; row: number }) => {
      const i = pool.findIndex(([f, m, s, r]) => f === e.force && m === e.month && s === e.sheet && r === e.row);
      return i >= 0 ? i : pool.push([e.force, e.month, e.sheet, e.row]) - 1;
    };
    const pooled = Object.fromEntries(
      Object.entries(person).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' && 'sources' in x ? { ...x, sources: x.sources.map(at) } : x)) : v]),
    );
    expect(JSON.stringify(unpackSources({ ...pooled, $ev: pool }))).toBe(JSON.stringify(person));
  });
});
