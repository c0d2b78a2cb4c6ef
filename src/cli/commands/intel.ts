import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Principal } from '../../auth/principal.js';
import type { Services } from '../../services.js';
import { table, type CliIo } from '../io.js';
import { withServices } from '../with-services.js';

/**
 * Whoever can run the CLI against the database is an operator with national
 * reach; what they do is written to the audit log under their login name.
 */
function operator(): Principal {
  const name = `cli:${userInfo().username}`;
  return { userId: '00000000-0000-0000-0000-000000000000', name, role: 'NCLCC_ANALYST', force: null, region: null, credentialId: name };
}

async function audited(services: Services, action: string, target: { kind: string; id: string }, detail: Record<string, unknown>) {
  const p = operator();
  await services.audit.record({ userName: p.name, role: 'CLI', method: 'CLI', route: `clim ${action}`, action, targetKind: target.kind, targetId: target.id, status: 0, detail });
}

export async function runMerge(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { region: { type: 'string' }, month: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.region || !values.month) {
    io.stderr.write('usage: clim merge --region EAST_MIDLANDS|NATIONAL --month YYYY-MM [--json]\n');
    return 2;
  }
  return withServices(async (services) => {
    const started = Date.now();
    const summary = await services.merges.runMerge(operator(), values.region!.toUpperCase(), values.month!, (stage, detail) =>
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
  return withServices(async (services) => {
    const a = await services.network.analysisFor(operator(), { scope: values.scope, month: values.month!, months: Number(values.months) });
    await audited(services, 'controllers.rank', { kind: 'ranking', id: a.window.scope }, { months: a.window.months, method: values.method });
    const limit = Number(values.limit);
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
