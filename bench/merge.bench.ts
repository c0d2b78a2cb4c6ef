import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchDatabases, compiledService, rssSampler, runNode, seedWorldFirst, timed, quietLog, BENCH_NCLCC, type Benchmark, type BenchRow } from './harness.js';

const { loadConfig, createServices } = await compiledService();


/**
 * Issue #4: a full national merge (load, resolve, store) of seven forces' returns for one month,
 * against the floor of the same resolution alone in memory (merge-floor.ts).
 */
export const mergeBench: Benchmark = {
  name: 'merge',
  async run() {
    const rows: BenchRow[] = [];
    // Run first, while nothing else of the bench is in memory, with the service's own V8 flags.
    const floor = JSON.parse(await runNode(['--max-semi-space-size=64', '--import', 'tsx', fileURLToPath(new URL('./merge-floor.ts', import.meta.url))])) as { seconds: number };
    const world = seedWorldFirst('mergeBench');
    for await (const database of benchDatabases(world.before)) {
      // One month: every force's return.
      const { month, returns: forces, nominals } = world.seeded();
      const rss = rssSampler();
      const services = createServices({ config: loadConfig({}), database, log: quietLog });
      // The generated forces span two regions; the centre's national merge takes them all in at once.
      // Stage times from the merge's own progress reports: load returns, resolve (in memory), save.
      const marks: [string, number][] = [];
      // The longest the event loop was held during the merge: what every other request would have waited.
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const merge = await timed(() => services.merges.runMerge(BENCH_NCLCC, 'NATIONAL', month, (stage) => marks.push([stage, performance.now()])));
      loop.disable();
      marks.push(['end', performance.now()]);
      const memory = rss.stop();
      services.audit.stop();
      await services.mergePool.close();
      const stages = marks.slice(0, -1).map(([stage, t], i) => `${stage} ${((marks[i + 1][1] - t) / 1000).toFixed(1)} s`).join(', ');
      const s = merge.value.stats;
      rows.push({
        bench: 'merge', case: `${forces} forces, ${nominals} nominal rows`, database: database.kind, seconds: merge.seconds,
        floorSeconds: floor.seconds, ratio: merge.seconds / floor.seconds, peakRssMiB: memory.peak,
        note: `${s.records.people} person records → ${s.entities.people}; ${s.pairsCompared.people} pairs compared; review ${s.review.people}; ${stages}; event loop held at most ${(loop.max / 1e6).toFixed(0)} ms; RSS ${memory.before} MiB before the merge, peak ${memory.peak} (sampled every 50 ms)`,
      });
    }
    return rows;
  },
};
