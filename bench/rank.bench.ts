import { analyseNetwork } from '../src/graph/analyse.js';
import { buildGraph } from '../src/graph/build.js';
import { rankControllers } from '../src/graph/rank.js';
import { safeguardingList } from '../src/graph/safeguarding.js';
import { perfectResolution } from '../test/graph/perfect-resolution.js';
import { presets } from '../test/world/index.js';
import { benchDatabases, compiledService, peakRssMiB, timed, quietLog, BENCH_NCLCC, type Benchmark, type BenchRow } from './harness.js';
import { seedReturns } from './seed-returns.js';

const { loadConfig, createServices } = await compiledService();


/**
 * Issue #5: the national network of 12 months (generator preset `national`)
 * built, analysed and ranked, beside building the bare graph (the floor);
 * then, through the service on a database, a first query for a regional
 * world (resolve + build + rank) and the same query again (from the cache).
 */
export const rankBench: Benchmark = {
  name: 'rank',
  async run() {
    const input = perfectResolution(presets.national(1));
    const floor = await timed(async () => buildGraph(input));
    const full = await timed(async () => {
      const graph = buildGraph(input);
      const analysis = analyseNetwork(graph);
      const ranked = rankControllers(graph, { analysis });
      return { graph, ranked, safeguarding: safeguardingList(graph, { analysis, ranked }) };
    });
    const rows: BenchRow[] = [
      {
        bench: 'rank', case: `national: ${input.people.length} people, ${input.lines.length} lines, ${input.links.length} links`, seconds: full.seconds,
        floorSeconds: floor.seconds, ratio: full.seconds / floor.seconds, peakRssMiB: peakRssMiB(),
        note: `build+analyse+rank+safeguarding vs bare graph build (${full.value.graph.order} nodes, ${full.value.graph.size} edges)`,
      },
    ];
    const world = presets.region(1);
    const last = world.returns.at(-1)!.meta.month;
    for await (const database of benchDatabases()) {
      await seedReturns(database, world.returns);
      const services = createServices({ config: loadConfig({}), database, log: quietLog });
      const q = { scope: 'NATIONAL', month: last, months: 6 };
      const first = await timed(() => services.network.view(BENCH_NCLCC, q, 'controllers', { method: 'structure', victims: false, limit: 50 }, Infinity));
      const again = await timed(() => services.network.view(BENCH_NCLCC, q, 'controllers', { method: 'structure', victims: false, limit: 50 }, Infinity));
      services.audit.stop();
      await services.analysisPool.close();
      rows.push({
        bench: 'rank', case: `service query, region world, 6 months (${world.returns.reduce((n, r) => n + r.nominals.length, 0)} nominal rows)`,
        database: database.kind, seconds: again.seconds, floorSeconds: first.seconds, ratio: again.seconds / first.seconds, peakRssMiB: peakRssMiB(),
        note: `repeated query from cache (seconds) vs first query: resolve+build+rank in the analysis worker (floorSeconds)`,
      });
    }
    return rows;
  },
};
