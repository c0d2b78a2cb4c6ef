import { describe, expect, it } from 'vitest';
import { v2Errors } from './check.js';
import { presets } from './index.js';
import type { World } from './types.js';

// The benchmark presets: sizes in the stated ranges. Times are printed, never asserted.

function timed(name: string, make: () => World): World {
  const t = performance.now();
  const world = make();
  console.log(`presets.${name}: ${Math.round(performance.now() - t)} ms`);
  return world;
}

const nominalRows = (w: World) => w.returns.reduce((n, r) => n + r.nominals.length, 0);

describe('presets', () => {
  it('small is a few hundred rows over a region and three months', () => {
    const w = timed('small', () => presets.small(1));
    expect(w.truth.months).toHaveLength(3);
    expect(nominalRows(w)).toBeGreaterThan(100);
    expect(nominalRows(w)).toBeLessThan(1000);
  });

  it('mergeBench has seven forces with about 20,000 nominal rows each in one month', () => {
    const w = timed('mergeBench', () => presets.mergeBench(1));
    expect(w.returns).toHaveLength(7);
    for (const r of w.returns) {
      expect(r.meta.month).toBe('2026-06');
      expect(r.nominals.length).toBeGreaterThan(12_000);
      expect(r.nominals.length).toBeLessThan(28_000);
    }
    for (const r of w.returns.slice(0, 2)) expect(v2Errors(r)).toEqual([]);
  }, 120_000);

  it('national covers 44 forces over 12 months: ≈30k people, 15k lines, 300k nominal rows, all valid', () => {
    const w = timed('national', () => presets.national(1));
    expect(new Set(w.returns.map((r) => r.meta.force)).size).toBe(44);
    expect(w.truth.months).toHaveLength(12);
    expect(w.truth.people.length).toBeGreaterThan(25_000);
    expect(w.truth.people.length).toBeLessThan(40_000);
    expect(w.truth.lines.length).toBeGreaterThan(12_000);
    expect(w.truth.lines.length).toBeLessThan(18_000);
    expect(nominalRows(w)).toBeGreaterThan(250_000);
    expect(nominalRows(w)).toBeLessThan(350_000);
    const errors = w.returns.flatMap(v2Errors);
    expect(errors.slice(0, 5)).toEqual([]);
  }, 180_000);
});
