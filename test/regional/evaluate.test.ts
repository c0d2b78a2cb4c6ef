import { describe, expect, it } from 'vitest';
import { presets } from '../world/index.js';
import { evaluateWorld } from './evaluate.js';

// Entity-resolution quality against the generator's truth maps. The bounds
// sit a little under the figures bench/er-quality.ts reports for these seeds,
// so a regression in matching fails here; the aim (precision ≥ 0.98, recall
// ≥ 0.95 on region worlds) is tracked by the bench, not asserted per seed.
// Pairs scored high on the name alone go to review, not into a merge (namesakes,
// issue #11), unless the people they resolve into work with the same people
// (associates.ts): on these seeds precision is 1.000 and review stays under 5 %.

describe('entity resolution on generated worlds', () => {
  it.each([1, 2, 3])('region world seed %i: people and lines resolved with high precision and recall', (seed) => {
    const e = evaluateWorld(presets.region(seed));
    console.log(`seed ${seed}: people P ${e.people.precision.toFixed(4)} R ${e.people.recall.toFixed(4)}; lines P ${e.lines.precision.toFixed(4)} R ${e.lines.recall.toFixed(4)}; review ${e.reviewPeople} (${(e.reviewOfTruePairs * 100).toFixed(2)}% of true pairs)`);
    expect(e.people.precision).toBeGreaterThanOrEqual(0.995);
    expect(e.people.recall).toBeGreaterThanOrEqual(0.91);
    expect(e.lines.precision).toBeGreaterThanOrEqual(0.98);
    expect(e.lines.recall).toBeGreaterThanOrEqual(0.98);
    expect(e.reviewOfTruePairs).toBeLessThan(0.05);
  });

  it('every record of the world is in exactly one merged person and one merged line', () => {
    const world = presets.small(1);
    const e = evaluateWorld(world);
    const members = e.result.people.flatMap((p) => p.records.map((r) => r.key));
    expect(new Set(members).size).toBe(members.length);
    expect(new Set(members)).toEqual(new Set(world.truth.personOfRecord.keys()));
    const lineMembers = e.result.lines.flatMap((l) => l.records.map((r) => r.key));
    expect(new Set(lineMembers)).toEqual(new Set(world.truth.lineOfRecord.keys()));
  });

  it('raises an alert for every line two forces actively investigate', () => {
    const world = presets.region(1);
    const e = evaluateWorld(world);
    const alerted = new Set(e.result.alerts.filter((a) => a.kind === 'line').flatMap((a) => a.forces.flatMap((f) => f.refs.map((ref) => world.truth.lineOfRecord.get(`${f.force}|${ref}`)))));
    const expected = world.truth.deconflictions.filter((d) => d.kind === 'line');
    expect(expected.length).toBeGreaterThan(0);
    for (const d of expected) expect(alerted).toContain(d.id);
  });

  it('raises an alert for most people two forces investigate (the rest are unresolved people)', () => {
    const world = presets.region(1);
    const e = evaluateWorld(world);
    const alerted = new Set(e.result.alerts.filter((a) => a.kind === 'person').flatMap((a) => a.forces.flatMap((f) => f.refs.map((ref) => world.truth.personOfRecord.get(`${f.force}|${ref}`)))));
    const expected = world.truth.deconflictions.filter((d) => d.kind === 'person');
    const found = expected.filter((d) => alerted.has(d.id)).length;
    console.log(`person deconflictions: ${found}/${expected.length}`);
    expect(found / Math.max(1, expected.length)).toBeGreaterThanOrEqual(0.8);
  });
});
