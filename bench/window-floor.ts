// The window bench's floor: the national world's 12-month window worked out
// in memory (analyse: resolve, build, rank; compiled, as the analysis worker
// runs it) in a process of its own, with no database, worker or JSON. Prints
// {"seconds": …, "timings": …} as JSON.
import { presets } from '../test/world/index.js';
import { toReturnInputs } from '../test/regional/evaluate.js';

const from = (path: string) => new URL(`../build/src/${path}`, import.meta.url).href;
const { analyse } = (await import(from('graph/analysis.js'))) as typeof import('../src/graph/analysis.js');
const { DEFAULT_THRESHOLDS } = (await import(from('regional/people.js'))) as typeof import('../src/regional/people.js');
const { FORCES } = (await import(from('reference/forces.js'))) as typeof import('../src/reference/forces.js');

const returns = toReturnInputs(presets.national(1).returns);
const months = [...new Set(returns.map((r) => r.month))].sort();
const context = { decisions: [], enrichments: [], priorPersonIds: new Map(), priorLineIds: new Map(), personAliases: new Map(), lineAliases: new Map() };
const start = performance.now();
const { timings } = await analyse({ window: { scope: 'NATIONAL', forces: FORCES.map((f) => f.code), months }, returns, context, thresholds: DEFAULT_THRESHOLDS, builtAt: new Date() });
console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, timings }));
