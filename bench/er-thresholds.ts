// Threshold sweep for the people model on generated worlds: pairwise
// precision/recall and review-queue size for several (upper, lower) pairs.
// DEFAULT_THRESHOLDS (src/regional/people.ts) was chosen from this table.
// Run: npx tsx bench/er-thresholds.ts [seeds=1,2,3,4,5] [preset=region]
import { evaluateWorld } from '../test/regional/evaluate.js';
import { presets } from '../test/world/index.js';

const seeds = (process.argv[2] ?? '1,2,3,4,5').split(',').map(Number);
const preset = (process.argv[3] ?? 'region') as 'small' | 'region';
const worlds = seeds.map((s) => presets[preset](s));
const f = (x: number) => x.toFixed(4);
console.log('upper | lower | P avg | P min | R avg | R min | review/true pairs | review/compared');
for (const upper of [2, 3, 4, 5, 6, 7]) {
  for (const lower of [-2, 0]) {
    const rows = worlds.map((w) => evaluateWorld(w, { upper, lower }));
    const avg = (g: (e: (typeof rows)[0]) => number) => f(rows.reduce((s, e) => s + g(e), 0) / rows.length);
    const min = (g: (e: (typeof rows)[0]) => number) => f(Math.min(...rows.map(g)));
    console.log([upper, lower, avg((e) => e.people.precision), min((e) => e.people.precision), avg((e) => e.people.recall),
      min((e) => e.people.recall), avg((e) => e.reviewOfTruePairs), avg((e) => e.reviewOfCompared)].join(' | '));
  }
}
