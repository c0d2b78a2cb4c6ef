import { parseArgs } from 'node:util';
import type { CliIo } from '../io.js';
import { audited, month, operator } from '../operator.js';
import { withServices } from '../with-services.js';

export async function runMerge(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { region: { type: 'string' }, month: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.region || !values.month) {
    io.stderr.write('usage: clim merge --region EAST_MIDLANDS|NATIONAL --month YYYY-MM [--json]\n');
    return 2;
  }
  const m = month(values.month);
  return withServices(async (services) => {
    const started = Date.now();
    const summary = await services.merges.runMerge(operator(), values.region!.toUpperCase(), m, (stage, detail) =>
      io.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${stage}${detail ? ' ' + JSON.stringify(detail) : ''}\n`),
    );
    await audited(services, 'merges.run', { kind: 'merge', id: summary.id }, { scope: summary.scope, month: summary.month });
    if (values.json) {
      io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return 0;
    }
    const s = summary.stats;
    io.stdout.write(
      `merge ${summary.id} — ${summary.scope} ${summary.month}\n` +
        `returns: ${summary.returns.length} (${summary.missing.nil.length} nil); missing: ${summary.missing.missing.join(', ') || 'none'}\n` +
        `people: ${s.records.people} records → ${s.entities.people}; lines: ${s.records.lines} records → ${s.entities.lines}\n` +
        `review queue: ${summary.reviewPairs} pairs; deconfliction alerts: ${summary.alerts}\n`,
    );
    return 0;
  });
}
