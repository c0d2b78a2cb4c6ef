// Entity-resolution quality on generated worlds, against the truth maps:
//   window      the resolution behind the ranking (every month at once):
//               pairwise precision and recall of people and lines
//   ranking     that resolution ranked (src/graph/rank.ts): duplicate entries
//               (ranked entries beyond the first for one true person), ROC AUC
//               of controlling minds against street level, precision@k
//   months      month-by-month merges, each storing ids for the next (as the
//               service does, src/regional/month-merge.ts): pairwise precision
//               and recall of the ids the records end up with, and the share
//               of the window's pairs that keep one id (agreement)
// Run: npx tsx bench/er-quality.ts [seeds=1,2,3] [preset=hubs|small|region|mergeBench] [refsReissued=0]
// (hubs: the small world's East Midlands with four exporting hubs, 27 returns)
import { buildGraph } from '../src/graph/build.js';
import { rankControllers } from '../src/graph/rank.js';
import { mergeReturns } from '../src/regional/merge.js';
import type { MergeResult, ReturnInput } from '../src/regional/model.js';
import { DEFAULT_THRESHOLDS } from '../src/regional/people.js';
import { toGraphInput } from '../src/regional/to-graph-input.js';
import { rocAuc, POSITIVE, NEGATIVE } from '../test/graph/evaluate.js';
import { pairwiseQuality, toReturnInputs } from '../test/regional/evaluate.js';
import { presets } from '../test/world/index.js';
import type { World, WorldOptionsInput } from '../test/world/types.js';
import { forcesOfRegion } from '../src/reference/forces.js';
import { mergeMonths } from './er-months.js';

const seeds = (process.argv[2] ?? '1,2,3').split(',').map(Number);
const worlds = {
  ...presets,
  hubs: (seed: number, over: WorldOptionsInput) => presets.small(seed, { forces: [...forcesOfRegion('EAST_MIDLANDS'), 'MET', 'WMP', 'GMP', 'MER'], ...over }),
};
const preset = (process.argv[3] ?? 'hubs') as 'hubs' | 'small' | 'region' | 'mergeBench';
const refsReissued = Number(process.argv[4] ?? 0);
const f3 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

function window(returns: ReturnInput[]): { result: MergeResult; ms: number } {
  const t0 = performance.now();
  const result = mergeReturns({
    scope: 'EVAL', months: [...new Set(returns.map((r) => r.month))].sort(), returns, decisions: [],
    priorPersonIds: new Map(), priorLineIds: new Map(), thresholds: DEFAULT_THRESHOLDS,
  });
  return { result, ms: performance.now() - t0 };
}

/** Duplicates, AUC and precision@k of the window's ranking; a merged person is the true person holding most of its records. */
function ranking(world: World, result: MergeResult, returns: ReturnInput[]) {
  const ranked = rankControllers(buildGraph(toGraphInput(result, returns)), { limit: Infinity, explain: 0 });
  const votes = new Map<string, Map<string, number>>();
  for (const [record, id] of result.personIdByRecord) {
    const t = world.truth.personOfRecord.get(record);
    if (!t) continue;
    const v = votes.get(id) ?? votes.set(id, new Map()).get(id)!;
    v.set(t, (v.get(t) ?? 0) + 1);
  }
  const trueOf = (id: string) => [...(votes.get(id) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const tier = new Map(world.truth.people.map((p) => [p.id, p.tier]));
  const seen = new Set<string>();
  let duplicates = 0;
  const rows = ranked.map((r) => {
    const t = trueOf(r.personId)!;
    if (seen.has(t)) duplicates++;
    seen.add(t);
    return { t, score: r.score, pos: POSITIVE.includes(tier.get(t)!), neg: NEGATIVE.includes(tier.get(t)!) };
  });
  const k = new Set(rows.filter((r) => r.pos).map((r) => r.t)).size;
  return {
    entries: ranked.length,
    duplicates,
    auc: rocAuc(rows.filter((r) => r.pos).map((r) => r.score), rows.filter((r) => r.neg).map((r) => r.score)),
    precisionAtK: k ? rows.slice(0, k).filter((r) => r.pos).length / k : Number.NaN,
  };
}

console.log(`preset ${preset}, refsReissued ${refsReissued}, thresholds upper ${DEFAULT_THRESHOLDS.upper} lower ${DEFAULT_THRESHOLDS.lower}`);
console.log('| seed | nominal rows | window people P | window people R | lines P | lines R | ranked | duplicates | AUC | P@k | months P | months R | agreement | window ms |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const seed of seeds) {
  const world = worlds[preset](seed, { noise: { refsReissued } });
  const returns = toReturnInputs(world.returns);
  const rows = returns.reduce((s, r) => s + r.parsed.nominals.length, 0);
  const w = window(returns);
  const people = pairwiseQuality(w.result.personIdByRecord, world.truth.personOfRecord);
  const lines = pairwiseQuality(w.result.lineIdByRecord, world.truth.lineOfRecord);
  const r = preset === 'mergeBench' ? null : ranking(world, w.result, returns);
  const monthly = mergeMonths(returns);
  const months = pairwiseQuality(monthly, world.truth.personOfRecord);
  const agreement = pairwiseQuality(monthly, w.result.personIdByRecord);
  console.log(
    `| ${seed} | ${rows} | ${f3(people.precision)} | ${f3(people.recall)} | ${f3(lines.precision)} | ${f3(lines.recall)} | ` +
      `${r ? `${r.entries} | ${r.duplicates} | ${f3(r.auc)} | ${f3(r.precisionAtK)}` : '– | – | – | –'} | ` +
      `${f3(months.precision)} | ${f3(months.recall)} | ${f3(agreement.recall)} | ${w.ms.toFixed(0)} |`,
  );
}
