// Seeds the merge bench's world (generator preset mergeBench, seed 1) into the
// database given as `--data-dir DIR` or `--url URL`, and prints what it holds
// as JSON. Run by merge.bench.ts in a process of its own, so the generator's
// memory is never counted as the service's.
import { openDatabase } from '../src/db/client.js';
import { presets } from '../test/world/index.js';
import { seedReturns } from './seed-returns.js';

const [flag, where] = process.argv.slice(2);
const database = await openDatabase(flag === '--url' ? { url: where } : { dataDir: where });
await database.migrate();
const world = presets.mergeBench(1);
await seedReturns(database, world.returns);
await database.close();
console.log(JSON.stringify({ month: world.returns[0].meta.month, forces: world.returns.length, nominals: world.returns.reduce((n, r) => n + r.nominals.length, 0) }));
