import { monitorEventLoopDelay } from 'node:perf_hooks';
import { presets } from '../test/world/index.js';
import { benchDatabases, compiledService, timed, type Benchmark, type BenchRow } from './harness.js';
import { seedReturns } from './seed-returns.js';

const { loadConfig, createServices } = await compiledService();

const quiet = { error: () => {}, warn: () => {}, info: () => {} };
const NCLCC = { userId: '00000000-0000-0000-0000-000000000001', name: 'bench', role: 'NCLCC_ANALYST' as const, force: null, region: null, credentialId: 'bench' };

/** Issue #4: a full regional merge (load, resolve, store) of seven forces' returns for one month. */
export const mergeBench: Benchmark = {
  name: 'merge',
  async run() {
    const rows: BenchRow[] = [];
    for await (const database of benchDatabases()) {
      const { month, forces, nominals } = await seedWorld(database);
      // The generator's world is garbage now: what the process holds from here is the service's.
      globalThis.gc?.();
      const rss = rssSampler();
      const services = createServices({ config: loadConfig({}), database, log: quiet });
      // The generated forces span two regions; the centre's national merge takes them all in at once.
      // Stage times from the merge's own progress reports: load returns, resolve (in memory), save.
      const marks: [string, number][] = [];
      // The longest the event loop was held during the merge: what every other request would have waited.
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const merge = await timed(() => services.merges.runMerge(NCLCC, 'NATIONAL', month, (stage) => marks.push([stage, performance.now()])));
      loop.disable();
      marks.push(['end', performance.now()]);
      const memory = rss.stop();
      services.audit.stop();
      await services.mergePool.close();
      const stages = marks.slice(0, -1).map(([stage, t], i) => `${stage} ${((marks[i + 1][1] - t) / 1000).toFixed(1)} s`).join(', ');
      const s = merge.value.stats;
      rows.push({
        bench: 'merge', case: `${forces} forces, ${nominals} nominal rows`, database: database.kind, seconds: merge.seconds,
        peakRssMiB: memory.peak,
        note: `${s.records.people} person records → ${s.entities.people}; ${s.pairsCompared.people} pairs compared; review ${s.review.people}; ${stages}; event loop held at most ${(loop.max / 1e6).toFixed(0)} ms; RSS ${memory.before} MiB before the merge, peak ${memory.peak} (sampled every 50 ms)`,
      });
    }
    return rows;
  },
};

/** Seeds the generated returns; the world itself is not kept. */
async function seedWorld(database: Parameters<typeof seedReturns>[0]) {
  const world = presets.mergeBench(1);
  await seedReturns(database, world.returns);
  return { month: world.returns[0].meta.month, forces: world.returns.length, nominals: world.returns.reduce((n, r) => n + r.nominals.length, 0) };
}

/** The process's RSS before and at its highest while sampling, in MiB. */
function rssSampler() {
  const now = () => Math.round(process.memoryUsage.rss() / 1024 / 1024);
  const before = now();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, now())), 50);
  return {
    stop() {
      clearInterval(timer);
      return { before, peak: Math.max(peak, now()) };
    },
  };
}
