import { describe, expect, it } from 'vitest';
import { canonicalToken, cleanName, foldToken, forenameForms, normalisePnc } from '../../src/regional/normalise.js';
import { jaroWinkler, nysiis } from '../../src/regional/similarity.js';
import { pairwiseQuality } from './evaluate.js';

describe('string metrics', () => {
  it('gives the published Jaro–Winkler values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('SMITH', 'SMITH')).toBe(1);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
  });

  it('gives sounds-alike surnames one NYSIIS key', () => {
    expect(nysiis('REID')).toBe(nysiis('REED'));
    expect(nysiis('KNIGHT')).toBe(nysiis('NIGHT'));
    expect(nysiis('PHILLIPS')).toBe(nysiis('FILLIPS'));
    expect(nysiis('SMITH')).not.toBe(nysiis('JONES'));
  });
});

describe('name normalisation', () => {
  it('upper-cases, drops accents and apostrophes', () => {
    expect(cleanName("o'brien")).toBe('OBRIEN');
    expect(cleanName('Wiśniewski')).toBe('WISNIEWSKI');
    expect(cleanName('Smith-Jones')).toBe('SMITH JONES');
  });

  it('folds transliterations and the MAC prefix', () => {
    expect(foldToken('MOHAMED')).toBe(foldToken('MUHAMMAD'));
    expect(foldToken('MACDONALD')).toBe(foldToken('MCDONALD'));
  });

  it('resolves nicknames, keeping every name an ambiguous one may stand for', () => {
    expect(canonicalToken('MIKE')).toBe('MICHAEL');
    expect(forenameForms('CHARLIE')).toEqual(['CHARLES', 'CHARLOTTE']);
    expect(forenameForms('MO')).toContain(foldToken('MOHAMMED'));
  });

  it('normalises PNC IDs by dropping leading zeros of the serial', () => {
    expect(normalisePnc('98/0012345l')).toBe('98/12345L');
    expect(normalisePnc('not a pnc')).toBeNull();
  });
});

describe('pairwise quality', () => {
  it('counts pairs within clusters against pairs within true groups', () => {
    const truth = new Map([['a', 'X'], ['b', 'X'], ['c', 'X'], ['d', 'Y']]);
    const predicted = new Map([['a', '1'], ['b', '1'], ['c', '2'], ['d', '2']]);
    expect(pairwiseQuality(predicted, truth)).toMatchObject({ predictedPairs: 2, truePairs: 3, correctPairs: 1, precision: 0.5, recall: 1 / 3 });
  });
});
