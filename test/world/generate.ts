import { FORCES, forcesOfRegion } from '../../src/reference/forces.js';
import { emitReturns } from './emit.js';
import { buildKnowledge } from './observe.js';
import { isHubForce } from './places.js';
import { createRng } from './random.js';
import { buildStructure } from './structure.js';
import type { NoiseLevels, World, WorldOptions, WorldOptionsInput } from './types.js';

// generateWorld: options → true structure → what each force knows → one v2
// ParsedReturn per force per month, with truth maps back to the structure.
// Structure, knowledge and returns draw from separate forks of the seed.

export const DEFAULT_NOISE: NoiseLevels = {
  nameVariant: 0.3,
  dobMissing: 0.35,
  dobSwap: 0.03,
  dobYearOff: 0.03,
  pncRecorded: 0.55,
  learnedLater: 0.2,
  pncBadCheck: 0.005,
  duplicateRef: 0.02,
  lineNameVariant: 0.2,
  exportAreaAlias: 0.3,
  nilReturn: 0.04,
  missingReturn: 0.02,
  rowDrop: 0.07,
  refsReissued: 0,
};

/** Exact identities, full DOB and PNC, every return sent: for tests that need a clean baseline. */
export const NOISE_NONE: NoiseLevels = {
  nameVariant: 0, dobMissing: 0, dobSwap: 0, dobYearOff: 0, pncRecorded: 1, learnedLater: 0, pncBadCheck: 0,
  duplicateRef: 0, lineNameVariant: 0, exportAreaAlias: 0, nilReturn: 0, missingReturn: 0, rowDrop: 0, refsReissued: 0,
};

export const DEFAULT_OPTIONS: WorldOptions = {
  seed: 1,
  forces: [...forcesOfRegion('EAST_MIDLANDS'), 'MET', 'WMP'],
  exportingForces: [],
  months: ['2026-01', '2026-02', '2026-03'],
  ocgs: 6,
  suppliers: 2,
  controllersPerOcg: [1, 3],
  linesPerOcg: [2, 5],
  peoplePerLine: [4, 8],
  importingForcesPerLine: [1, 3],
  sharing: 0.3,
  recordRoles: true,
  visibility: 1,
  noise: DEFAULT_NOISE,
};

export const personKey = (force: string, nominalRef: string) => `${force}|${nominalRef}`;
export const lineKey = (force: string, lineRef: string) => `${force}|${lineRef}`;

export function resolveOptions(input: WorldOptionsInput = {}): WorldOptions {
  const o: WorldOptions = { ...DEFAULT_OPTIONS, ...input, noise: { ...DEFAULT_NOISE, ...input.noise } };
  const known = new Set(FORCES.map((f) => f.code));
  for (const f of o.forces) if (!known.has(f)) throw new Error(`generateWorld: unknown force ${f}`);
  if (!input.exportingForces?.length) o.exportingForces = o.forces.filter(isHubForce);
  if (!o.exportingForces.length) throw new Error('generateWorld: no exporting hub among the forces; pass exportingForces');
  if (!o.months.length || o.months.some((m) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(m))) throw new Error('generateWorld: months must be YYYY-MM');
  return o;
}

export function generateWorld(input: WorldOptionsInput = {}): World {
  const options = resolveOptions(input);
  const rng = createRng(options.seed);
  const structure = buildStructure(rng.fork('structure'), options);
  const books = buildKnowledge(rng.fork('knowledge'), options, structure);
  const emitted = emitReturns(rng.fork('emit'), options, structure, books);
  return {
    options,
    truth: {
      months: options.months.slice(),
      ...structure,
      personOfRecord: emitted.personOfRecord,
      lineOfRecord: emitted.lineOfRecord,
      ocgOfRecord: emitted.ocgOfRecord,
      deconflictions: emitted.deconflictions,
      missingReturns: emitted.missingReturns,
    },
    returns: emitted.returns,
  };
}
