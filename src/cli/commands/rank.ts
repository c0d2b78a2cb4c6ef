import { parseArgs } from 'node:util';
import type { PersonFlags } from '../../graph/index.js';
import type { RankedPerson } from '../../graph/rank.js';
import { table, type CliIo } from '../io.js';
import { audited, month, operator, positiveInt } from '../operator.js';
import { withServices } from '../with-services.js';

const USAGE = 'usage: clim rank --scope national|REGION|FORCE --month YYYY-MM [--months 3] [--limit 20] [--method structure|contacts] [--include victims] [--why N]\n';

/** "CHILD EXPLOITED", "VULNERABLE", "" — the flags a reader must see beside a name. */
export function flagWords(flags: PersonFlags): string {
  return [flags.child && 'CHILD', flags.exploited && 'EXPLOITED', flags.vulnerable && 'VULNERABLE'].filter(Boolean).join(' ');
}

/** Each person's leading factors in words, under their rank and name. */
export function whyLines(people: RankedPerson[], factors = 3): string {
  return people
    .filter((p) => p.factors.length)
    .map((p) => {
      const head = `${p.rank === null ? '(not ranked: ' + flagWords(p.flags).toLowerCase() + ')' : '#' + p.rank} ${p.personId} ${p.names[0] ?? ''}`.trimEnd();
      const lines = p.factors.filter((f) => f.contribution > 0).slice(0, factors).map((f) => `    ${f.factor} +${f.contribution.toFixed(2)}: ${f.text}`);
      return [head, ...lines].join('\n');
    })
    .join('\n') + '\n';
}

export async function runRank(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scope: { type: 'string', default: 'national' }, month: { type: 'string' }, months: { type: 'string', default: '3' }, limit: { type: 'string', default: '20' },
      method: { type: 'string', default: 'structure' }, include: { type: 'string' }, why: { type: 'string', default: '3' },
    },
  });
  if (!values.month) {
    io.stderr.write(USAGE);
    return 2;
  }
  const window = { scope: values.scope, month: month(values.month), months: positiveInt(values.months, '--months', 24) };
  const limit = positiveInt(values.limit, '--limit', 100_000);
  const why = positiveInt(values.why, '--why', 9);
  if (values.method !== 'structure' && values.method !== 'contacts') {
    io.stderr.write('clim: --method is structure (the network ranking) or contacts (the old ranking by police contacts)\n');
    return 2;
  }
  if (values.include !== undefined && values.include !== 'victims') {
    io.stderr.write('clim: --include victims keeps children and exploited people in the ranking, flagged (by default they are left out)\n');
    return 2;
  }
  const victims = values.include === 'victims';
  return withServices(async (services) => {
    const { window: w, value: a } = await services.network.view(operator(), window, 'rank', { method: values.method as 'structure' | 'contacts', victims, limit }, Infinity);
    io.stderr.write(
      `${w.scope} ${w.months[0]}…${w.months.at(-1)}: ${a.total} people (built in ${a.builtMs} ms)` +
        (victims ? '; children and exploited people kept in, flagged\n' : `; ${a.leftOut} children and exploited people left out (see the safeguarding list; --include victims keeps them)\n`),
    );
    await audited(services, 'controllers.rank', { kind: 'ranking', id: w.scope }, { months: w.months, method: values.method, include: values.include ?? null, people: a.people });
    if (a.contacts) {
      io.stdout.write(table([['RANK', 'CONTACTS', 'PERSON', 'FLAGS', 'STRUCTURAL RANK'], ...a.contacts.map((c) => [c.rank ?? '-', c.policeContacts, c.personId, flagWords(c.flags), c.structuralRank ?? '-'])]));
      return 0;
    }
    const people = a.ranked ?? [];
    io.stdout.write(
      table([
        ['RANK', 'SCORE', 'PERSON', 'NAMES', 'PNC', 'DOB', 'FLAGS', 'FORCES', 'LINES'],
        ...people.map((p) => [p.rank ?? '-', p.score.toFixed(3), p.personId, p.names.slice(0, 2).join(' / '), p.pncIds.join(','), p.dob ?? '', flagWords(p.flags), p.forces.join(','), p.lines.length]),
      ]),
    );
    io.stdout.write(`\nWhy, in words (each person's ${why === 1 ? 'largest factor' : `${why} largest factors`}):\n${whyLines(people, why)}`);
    return 0;
  });
}
