import os from 'node:os';
import { analyseNetwork } from '../src/graph/analyse.js';
import { buildGraph } from '../src/graph/build.js';
import { rankControllers } from '../src/graph/rank.js';
import { safeguardingList } from '../src/graph/safeguarding.js';
import { perfectResolution } from '../test/graph/perfect-resolution.js';
import { presets } from '../test/world/index.js';

// National ranking benchmark: 12 months, all forces (generator preset
// `national`, ≈30k people, 15k lines, 300k nominal rows). Times building the
// network and ranking everyone (with explanations), then the safeguarding
// list; prints peak RSS. Aim: build + rank under 5 s.
// Run: npx tsx bench/rank.ts [seed]

const seed = Number(process.argv[2] ?? 1);
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const cpu = (c: NodeJS.CpuUsage) => `${((c.user + c.system) / 1000).toFixed(0)} ms CPU`;

let t = performance.now();
// The world goes out of scope once adapted, as the service never holds one.
function nationalInput() {
  const world = presets.national(seed);
  console.log(`generate world (not timed in the total): ${ms(t)}`);
  t = performance.now();
  const input = perfectResolution(world);
  console.log(`adapter (perfect resolution, not timed): ${ms(t)} — ${input.people.length} people, ${input.lines.length} lines, ${input.links.length} links, ${input.associations.length} associations`);
  return input;
}
const input = nationalInput();
(globalThis as { gc?: () => void }).gc?.();

const start = performance.now();
const cpuStart = process.cpuUsage();
t = performance.now();
const graph = buildGraph(input);
console.log(`build: ${ms(t)} — ${graph.order} nodes, ${graph.size} edges`);
t = performance.now();
const analysis = analyseNetwork(graph);
console.log(`analyse (index, hierarchy, betweenness from ${analysis.options.brokerageSamples} pivots): ${ms(t)}`);
t = performance.now();
const ranked = rankControllers(graph, { analysis });
console.log(`rank ${ranked.length} people (first 1,000 explained): ${ms(t)}`);
const total = performance.now() - start;
const totalCpu = process.cpuUsage(cpuStart);
t = performance.now();
const top = rankControllers(graph, { analysis, limit: 100 });
console.log(`rank again, top 100 (per request, analysis and scores cached): ${ms(t)}`);
t = performance.now();
const everyone = rankControllers(graph, { analysis, explain: Number.POSITIVE_INFINITY });
console.log(`explain all ${everyone.length} people (not needed per request): ${ms(t)}`);
t = performance.now();
const safeguarding = safeguardingList(graph, { analysis, ranked });
console.log(`safeguarding list (${safeguarding.length} people): ${ms(t)}`);
console.log(`TOTAL build + analyse + rank: ${total.toFixed(0)} ms wall, ${cpu(totalCpu)} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
console.log(`top 3: ${top.slice(0, 3).map((r) => `${r.personId} ${r.score.toFixed(3)}`).join(', ')}`);
