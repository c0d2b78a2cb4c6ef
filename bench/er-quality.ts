// Entity-resolution quality on generated worlds: pairwise precision and
// recall for people and lines against the truth maps, and the review queue.
// Run: npx tsx bench/er-quality.ts [seeds=1,2,3] [preset=region]
import { DEFAULT_THRESHOLDS } from '../src/regional/people.js';
import { evaluateWorld } from '../test/regional/evaluate.js';
import { presets } from '../test/world/index.js';

const seeds = (process.argv[2] ?? '1,2,3,4,5').split(',').map(Number);
const preset = (process.argv[3] ?? 'region') as 'small' | 'region';
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

console.log(`preset ${preset}, thresholds upper ${DEFAULT_THRESHOLDS.upper} lower ${DEFAULT_THRESHOLDS.lower} (match weight, bits)`);
console.log('seed | person recs | compared | people P | people R | lines P | lines R | review (of true pairs) | review (of compared) | ms');
for (const seed of seeds) {
  const world = presets[preset](seed);
  const e = evaluateWorld(world);
  console.log(
    [
      seed,
      e.result.stats.records.people,
      e.result.stats.pairsCompared.people,
      pct(e.people.precision),
      pct(e.people.recall),
      pct(e.lines.precision),
      pct(e.lines.recall),
      `${e.reviewPeople} (${pct(e.reviewOfTruePairs)})`,
      pct(e.reviewOfCompared),
      e.ms.toFixed(0),
    ].join(' | '),
  );
}
