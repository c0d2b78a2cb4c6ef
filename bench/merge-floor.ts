// The merge bench's floor: the same world's resolution alone (mergeReturns,
// compiled as the service runs it), in memory, with no database, worker or
// encoding, in a process of its own. Prints {"seconds": …} as JSON. What the
// service adds to it is what its merge costs beyond resolving; the floor also
// shows how fast this machine is today (the same code took 10.7 s on one
// session's machine and 16.3 s on another's).
import { presets } from '../test/world/index.js';
import { toReturnInputs } from '../test/regional/evaluate.js';

const { mergeReturns } = (await import(new URL('../build/src/regional/merge.js', import.meta.url).href)) as typeof import('../src/regional/merge.js');
const { DEFAULT_THRESHOLDS } = (await import(new URL('../build/src/regional/people.js', import.meta.url).href)) as typeof import('../src/regional/people.js');

const returns = toReturnInputs(presets.mergeBench(1).returns);
const start = performance.now();
mergeReturns({
  scope: 'NATIONAL', months: [...new Set(returns.map((r) => r.month))], returns, decisions: [],
  priorPersonIds: new Map(), priorLineIds: new Map(), thresholds: DEFAULT_THRESHOLDS,
});
console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000 }));
