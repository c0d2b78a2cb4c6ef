import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchDatabases, compiledService, rssSampler, runNode, seedWorldFirst, timed, quietLog, BENCH_NCLCC, type Benchmark, type BenchRow } from './harness.js';

const { loadConfig, createServices } = await compiledService();

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Issue #12.7: the first query of a national 12-month window through the
 * service (generator preset `national`, ≈ 320,000 nominal rows), from the
 * stored returns to a ranked list, then the same query from the cache;
 * against the floor of the same window worked out in memory (window-floor.ts).
 */
export const windowBench: Benchmark = {
  name: 'window',
  async run() {
    const rows: BenchRow[] = [];
    const floor = JSON.parse(await runNode(['--max-semi-space-size=64', '--import', 'tsx', fileURLToPath(new URL('./window-floor.ts', import.meta.url))])) as { seconds: number };
    const world = seedWorldFirst('national');
    for await (const database of benchDatabases(world.before)) {
      const { month, months, returns, nominals } = world.seeded();
      const rss = rssSampler();
      const services = createServices({ config: loadConfig({}), database, log: quietLog });
      const q = { scope: 'NATIONAL', month, months };
      const params = { method: 'structure' as const, victims: false, limit: 50 };
      // The longest the event loop was held while the window was worked out: what every other request would have waited.
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const first = await timed(() => services.network.view(BENCH_NCLCC, q, 'rank', params, Infinity));
      loop.disable();
      const again = await timed(() => services.network.view(BENCH_NCLCC, q, 'rank', params, Infinity));
      const memory = rss.stop();
      services.audit.stop();
      await services.analysisPool.close();
      const { timings, total } = first.value.value;
      const inWorker = timings.resolveMs + timings.buildMs + timings.rankMs;
      rows.push({
        bench: 'window', case: `national, ${months} months (${returns} returns, ${nominals} nominal rows)`, database: database.kind,
        seconds: first.seconds, floorSeconds: floor.seconds, ratio: first.seconds / floor.seconds, peakRssMiB: memory.peak,
        note: `first query; ${total} people; resolve ${seconds(timings.resolveMs)}, build ${seconds(timings.buildMs)}, rank ${seconds(timings.rankMs)}; ` +
          `loading, handing over and parsing the returns ${seconds(first.seconds * 1000 - inWorker)}; event loop held at most ${(loop.max / 1e6).toFixed(0)} ms; ` +
          `again from the cache ${(again.seconds * 1000).toFixed(0)} ms`,
      });
    }
    return rows;
  },
};
