// `npm run bench [-- NAME…]`: runs the timing benchmarks (all, or those named) and prints one table.
// Quality reports against the generator's ground truth: `npm run bench:quality`.
import { dbInsertBench } from './db-insert.bench.js';
import { ingestBench } from './ingest.bench.js';
import { mergeBench } from './merge.bench.js';
import { rankBench } from './rank.bench.js';
import { startupBench } from './startup.bench.js';
import { validateBench } from './validate.bench.js';
import { windowBench } from './window.bench.js';
import { printTable, type Benchmark, type BenchRow } from './harness.js';

const all: Benchmark[] = [dbInsertBench, validateBench, ingestBench, mergeBench, rankBench, windowBench, startupBench];

const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((b) => wanted.includes(b.name)) : all;
if (!chosen.length) {
  console.error(`unknown benchmark; choose from: ${all.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const bench of chosen) {
  console.error(`running ${bench.name}…`);
  rows.push(...(await bench.run()));
}
printTable(rows);
