// Time and peak memory of the in-memory regional merge at bench scale:
// 7 forces × ≈20,000 nominal rows (generator preset mergeBench).
// Run: npx tsx bench/merge-core.ts [seed=1]
// The fingerprint hashes the whole result (ids, entities, edges, review queue,
// alerts, links, stats): a change meant only for speed must leave it unchanged.
import { createHash } from 'node:crypto';
import { PerformanceObserver } from 'node:perf_hooks';
import { mergeReturns } from '../src/regional/merge.js';
import { DEFAULT_THRESHOLDS } from '../src/regional/people.js';
import { pairwiseQuality, toReturnInputs } from '../test/regional/evaluate.js';
import { presets } from '../test/world/index.js';

const seed = Number(process.argv[2] ?? 1);
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

const t0 = performance.now();
const world = presets.mergeBench(seed);
const tGen = performance.now() - t0;
const returns = toReturnInputs(world.returns);
const rows = returns.reduce((s, r) => s + r.parsed.nominals.length, 0);
const rssBefore = process.memoryUsage().rss;

let gcMs = 0;
const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)));
gc.observe({ entryTypes: ['gc'] });
const cpu0 = process.cpuUsage();
const t1 = performance.now();
const result = mergeReturns({
  scope: 'BENCH', months: [...new Set(returns.map((r) => r.month))], returns, decisions: [],
  priorPersonIds: new Map(), priorLineIds: new Map(), thresholds: DEFAULT_THRESHOLDS,
});
const tMerge = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
await new Promise((r) => setImmediate(r));
gc.disconnect();
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(sampler);

const fingerprint = createHash('sha256');
const sorted = (m: Map<string, string>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
for (const part of [sorted(result.personIdByRecord), sorted(result.lineIdByRecord), result.stats]) fingerprint.update(JSON.stringify(part));
for (const list of [result.people, result.lines, result.reviewPairs, result.alerts, result.links]) for (const x of list as unknown[]) fingerprint.update(JSON.stringify(x));

const q = pairwiseQuality(result.personIdByRecord, world.truth.personOfRecord);
const ql = pairwiseQuality(result.lineIdByRecord, world.truth.lineOfRecord);
console.log(`generate world: ${(tGen / 1000).toFixed(2)} s (not part of the merge)`);
console.log(`returns ${returns.length}, nominal rows ${rows}, person records ${result.stats.records.people}, line records ${result.stats.records.lines}`);
console.log(`pairs compared: people ${result.stats.pairsCompared.people}, lines ${result.stats.pairsCompared.lines}; oversized blocks ${result.stats.oversizedBlocks}`);
console.log(`merge: ${(tMerge / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, ${(gcMs / 1000).toFixed(2)} s in GC; RSS before merge ${mib(rssBefore)}, peak RSS ${mib(peak)}`);
console.log(`people: ${result.stats.entities.people} entities, precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)}, review ${result.stats.review.people}`);
console.log(`lines: ${result.stats.entities.lines} entities, precision ${ql.precision.toFixed(4)}, recall ${ql.recall.toFixed(4)}, review ${result.stats.review.lines}`);
console.log(`fingerprint (seed ${seed}): ${fingerprint.digest('hex')}`);
