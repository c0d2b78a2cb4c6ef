import { parseArgs } from 'node:util';
import { table, type CliIo } from '../io.js';
import { audited, month, operator, positiveInt } from '../operator.js';
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

export async function runRank(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { scope: { type: 'string', default: 'national' }, month: { type: 'string' }, months: { type: 'string', default: '3' }, limit: { type: 'string', default: '20' }, method: { type: 'string', default: 'structure' } },
  });
  if (!values.month) {
    io.stderr.write('usage: clim rank --scope national|REGION|FORCE --month YYYY-MM [--months 3] [--limit 20] [--method structure|contacts]\n');
    return 2;
  }
  const window = { scope: values.scope, month: month(values.month), months: positiveInt(values.months, '--months', 24) };
  const limit = positiveInt(values.limit, '--limit', 100_000);
  if (values.method !== 'structure' && values.method !== 'contacts') {
    io.stderr.write('clim: --method is structure (the network ranking) or contacts (the old ranking by police contacts)\n');
    return 2;
  }
  return withServices(async (services) => {
    const a = await services.network.analysisFor(operator(), window);
    await audited(services, 'controllers.rank', { kind: 'ranking', id: a.window.scope }, { months: a.window.months, method: values.method });
    io.stderr.write(`${a.window.scope} ${a.window.months[0]}…${a.window.months.at(-1)}: ${a.ranked.length} people (built in ${a.timings.resolveMs + a.timings.buildMs + a.timings.rankMs} ms)\n`);
    if (values.method === 'contacts') {
      io.stdout.write(table([['RANK', 'CONTACTS', 'PERSON', 'STRUCTURAL RANK'], ...a.contacts.slice(0, limit).map((c) => [c.rank, c.policeContacts, c.personId, a.rankOf.get(c.personId) ?? ''])]));
      return 0;
    }
    io.stdout.write(
      table([
        ['RANK', 'SCORE', 'PERSON', 'NAMES', 'FORCES', 'LINES', 'TOP FACTORS'],
        ...a.ranked.slice(0, limit).map((p) => [
          p.rank, p.score.toFixed(3), p.personId, p.names.slice(0, 2).join(' / '), p.forces.join(','), p.lines.length,
          p.factors.slice(0, 3).map((f) => `${f.factor} ${f.contribution.toFixed(2)}`).join('; '),
        ]),
      ]),
    );
    return 0;
  });
}
