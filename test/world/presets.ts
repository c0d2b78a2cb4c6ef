import { FORCES, forcesOfRegion } from '../../src/reference/forces.js';
import { monthIndex, monthString } from './dates.js';
import { generateWorld } from './generate.js';
import type { World, WorldOptionsInput } from './types.js';

// Named worlds for tests and benchmarks; sizes are checked in presets.test.ts.

const EAST_MIDLANDS = forcesOfRegion('EAST_MIDLANDS');
const months = (from: string, n: number) => Array.from({ length: n }, (_, i) => monthString(monthIndex(from) + i));

/** Preset options under the caller's overrides; noise levels merge key by key. */
const make = (base: WorldOptionsInput, over: WorldOptionsInput): World =>
  generateWorld({ ...base, ...over, noise: { ...base.noise, ...over.noise } });

export const presets = {
  /** East Midlands + MET, 3 months, a few hundred nominal rows: fast, for unit tests. */
  small: (seed = 1, over: WorldOptionsInput = {}): World =>
    make({ seed, forces: [...EAST_MIDLANDS, 'MET'], months: months('2026-01', 3), ocgs: 6, suppliers: 2, linesPerOcg: [2, 4], peoplePerLine: [5, 9], visibility: 1.3 }, over),

  /** East Midlands + MET, WMP, GMP, 6 months, a few thousand nominal rows. */
  region: (seed = 1, over: WorldOptionsInput = {}): World =>
    make({ seed, forces: [...EAST_MIDLANDS, 'MET', 'WMP', 'GMP'], months: months('2026-01', 6), ocgs: 40, suppliers: 6 }, over),

  /** Seven forces (East Midlands + MET, WMP), one month, ≈ 20,000 nominal rows per force: the merge benchmark. Every force returns. */
  mergeBench: (seed = 1, over: WorldOptionsInput = {}): World =>
    make({
      seed, forces: [...EAST_MIDLANDS, 'MET', 'WMP'], exportingForces: ['MET', 'WMP'], months: ['2026-06'],
      ocgs: 2600, suppliers: 120, linesPerOcg: [5, 9], peoplePerLine: [8, 14], importingForcesPerLine: [2, 3], sharing: 0.7, visibility: 2,
      noise: { nilReturn: 0, missingReturn: 0 },
    }, over),

  /** All 44 forces, 12 months (2025-11 … 2026-10): ≈ 30k people, 15k lines, 300k nominal rows: the ranking benchmark. */
  national: (seed = 1, over: WorldOptionsInput = {}): World =>
    make({
      seed, forces: FORCES.map((f) => f.code), months: months('2025-11', 12),
      ocgs: 1800, suppliers: 150, linesPerOcg: [4, 12], peoplePerLine: [2, 4], sharing: 0.7, visibility: 0.8,
    }, over),
};
