import { evaluateWorld, type Evaluation } from '../test/graph/evaluate.js';
import { presets } from '../test/world/index.js';
import type { World } from '../test/world/types.js';

// Ranking quality against ground truth (perfect entity resolution): ROC AUC of
// controlling minds (tiers controller + supplier) against street level, and
// precision@k with k = number of controlling minds observed, for the network
// ranking and for the old police-contacts ranking. Run: npx tsx bench/rank-quality.ts [--national]

const worlds: [string, () => World][] = [
  ['small seed 1', () => presets.small(1)],
  ['small seed 2', () => presets.small(2)],
  ['small seed 3, no roles', () => presets.small(3, { recordRoles: false })],
  ['region seed 1', () => presets.region(1)],
  ['region seed 2', () => presets.region(2)],
  ['region seed 3', () => presets.region(3)],
  ['region seed 4, no roles', () => presets.region(4, { recordRoles: false })],
  ['region seed 1, no roles', () => presets.region(1, { recordRoles: false })],
];
if (process.argv.includes('--national')) worlds.push(['national seed 1', () => presets.national(1)]);

const f = (x: number) => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));
console.log('| world | people | controlling minds (unobserved) | street | AUC network | P@k all | P@k vs street | AUC contacts | P@k all | P@k vs street |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const all: Evaluation[] = [];
for (const [name, make] of worlds) {
  const e = evaluateWorld(make());
  all.push(e);
  console.log(`| ${name} | ${e.people} | ${e.positives} (${e.unobservedPositives}) | ${e.negatives} | ${f(e.network.auc)} | ${f(e.network.precisionAtK)} | ${f(e.network.precisionAtKvsStreet)} | ${f(e.contacts.auc)} | ${f(e.contacts.precisionAtK)} | ${f(e.contacts.precisionAtKvsStreet)} |`);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `| mean | | | | ${f(mean(all.map((e) => e.network.auc)))} | ${f(mean(all.map((e) => e.network.precisionAtK)))} | ${f(mean(all.map((e) => e.network.precisionAtKvsStreet)))} | ${f(mean(all.map((e) => e.contacts.auc)))} | ${f(mean(all.map((e) => e.contacts.precisionAtK)))} | ${f(mean(all.map((e) => e.contacts.precisionAtKvsStreet)))} |`,
);
