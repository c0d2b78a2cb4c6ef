import { describe, expect, it } from 'vitest';
import { distinct } from '../../src/regional/distinct.js';
import type { Evidence } from '../../src/regional/model.js';
import { mergeBags, ValueBag } from '../../src/regional/records.js';

const row = (force: string, month: string, n: number): Evidence => ({ force, month, sheet: 'Nominals', row: n });

const bagOf = (...entries: [string | null, Evidence][]) => {
  const bag = new ValueBag();
  for (const [value, evidence] of entries) bag.add(value, evidence);
  return bag;
};

describe('value bags', () => {
  it('keeps distinct values in first-seen order, each with every row that gave it', () => {
    const bag = bagOf(['SMITH', row('LEI', '2025-01', 2)], ['SMYTH', row('LEI', '2025-02', 3)], ['SMITH', row('LEI', '2025-03', 4)], [null, row('LEI', '2025-03', 5)]);
    expect(bag.values()).toEqual(['SMITH', 'SMYTH']);
    expect(bag.sourcesOf(0).map((e) => e.row)).toEqual([2, 4]);
    expect(bag.sourcesOf(1).map((e) => e.row)).toEqual([3]);
  });

  it('gives a value seen once its one row, and a second row to a bag of one value', () => {
    const bag = bagOf(['1990-01-02', row('NTH', '2025-01', 7)]);
    expect(bag.sourcesOf(0)).toEqual([row('NTH', '2025-01', 7)]);
    bag.add('1990-01-02', row('NTH', '2025-02', 9));
    expect(bag.size).toBe(1);
    expect(bag.sourcesOf(0).map((e) => e.row)).toEqual([7, 9]);
  });
});

describe('merged bags', () => {
  it('joins the rows of one value across records and orders values by support, then latest month, then value', () => {
    const a = bagOf(['SMITH', row('LEI', '2025-01', 2)], ['JONES', row('LEI', '2025-02', 3)]);
    const b = bagOf(['SMITH', row('NTH', '2025-01', 8)], ['BROWN', row('NTH', '2025-02', 9)]);
    const c = bagOf(['ADAMS', row('DER', '2025-01', 4)]);
    const merged = mergeBags([a, b, c, new ValueBag()]);
    expect(merged.map((v) => v.value)).toEqual(['SMITH', 'BROWN', 'JONES', 'ADAMS']);
    expect(merged[0].sources.map((e) => `${e.force}:${e.row}`)).toEqual(['LEI:2', 'NTH:8']);
  });

  it('is empty for empty bags', () => {
    expect(mergeBags([new ValueBag(), new ValueBag()])).toEqual([]);
  });
});

describe('distinct', () => {
  it('keeps the first of repeated values, in order', () => {
    expect(distinct(['B', 'A', 'B', 'C', 'A'])).toEqual(['B', 'A', 'C']);
  });

  it('returns a list without repeats as it is', () => {
    const xs = [3, 1, 2];
    expect(distinct(xs)).toBe(xs);
  });
});
