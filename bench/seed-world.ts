// Seeds a generator preset's world (seed 1) into the database given as
// `--data-dir DIR` or `--url URL`, and prints what it holds as JSON:
// `tsx bench/seed-world.ts mergeBench --data-dir DIR`. Run by the merge and
// window benches in a process of their own, so the generator's memory is
// never counted as the service's, nor collected by the service's GC.
import { openDatabase } from '../src/db/client.js';
import { presets } from '../test/world/index.js';
import { seedReturns } from './seed-returns.js';

const [preset, flag, where] = process.argv.slice(2) as [keyof typeof presets, string, string];
const database = await openDatabase(flag === '--url' ? { url: where } : { dataDir: where });
await database.migrate();
const world = presets[preset](1);
await seedReturns(database, world.returns);
await database.close();
const months = [...new Set(world.returns.map((r) => r.meta.month))].sort();
console.log(JSON.stringify({ month: months.at(-1), months: months.length, returns: world.returns.length, nominals: world.returns.reduce((n, r) => n + r.nominals.length, 0) }));
