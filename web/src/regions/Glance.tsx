import type { ComplianceRow } from '../api/returns';
import { formatDay, formatMonth, formatTime, monthOf, recentMonths, returnDueBy } from '../format';
import { href } from '../router';
import { ErrorMessage, Loading } from '../screens/common';
import { useCompliances, useMerges } from './api';
import type { RegionProps } from './RegionScreens';
import { forcesOf, plural, regionName } from './words';

// The region at a glance: each force × the 12 months up to the one now due, one cell per
// return, each linking to that return's history; and the month now due.

const CELL: Record<ComplianceRow['status'], { short: (r: ComplianceRow) => string; long: (r: ComplianceRow) => string; css: string }> = {
  ACCEPTED: { short: (r) => `v${r.version}`, long: (r) => `Accepted, version ${r.version}`, css: 'accepted' },
  NIL_RETURN: { short: () => 'nil', long: (r) => `Nil return, version ${r.version}`, css: 'nil_return' },
  REJECTED_ONLY: { short: () => 'rejected', long: () => 'Rejected only (nothing accepted)', css: 'rejected_only' },
  MISSING: { short: () => 'missing', long: () => 'Missing (nothing uploaded)', css: 'missing' },
};

export function Glance({ region, link }: RegionProps) {
  const now = new Date();
  // Twelve months up to the one now due: the current month is still being lived, its return comes next month.
  const due = monthOf(now, -1);
  const months = recentMonths(now, 13).slice(1).reverse();
  const results = useCompliances(months);
  const merges = useMerges({ region });
  const forces = forcesOf(region);
  const failed = results.find((r) => r.isError);
  const loaded = results.every((r) => r.data);
  const byMonth = new Map(months.map((m, i) => [m, new Map((results[i]?.data ?? []).map((row) => [row.force, row]))]));

  return (
    <>
      <h1>{regionName(region)} at a glance</h1>
      {failed && <ErrorMessage error={failed.error} title="The returns could not be loaded." />}
      {!loaded && !failed && <Loading label="Loading twelve months of returns…" />}
      {loaded && <Deadline month={due} rows={forces.map((f) => byMonth.get(due)?.get(f.code)).filter((r): r is ComplianceRow => !!r)} now={now} link={link} />}
      {merges.data && (
        <p>
          {merges.data[0] ? (
            <>
              Latest merge: {formatMonth(merges.data[0].month)}, run {formatTime(merges.data[0].createdAt)}.{' '}
              <a href={link('/region/merge', { id: merges.data[0].id })}>Open it</a>
            </>
          ) : (
            <>No merge has been run for this region yet. </>
          )}{' '}
          <a href={link('/region/merge')}>Run a merge</a>
        </p>
      )}
      {loaded && (
        <>
          <ul className="legend" aria-label="Key">
            <li><span className="badge badge-accepted">v2</span> accepted, current version</li>
            <li><span className="badge badge-nil_return">nil</span> nil return (no lines)</li>
            <li><span className="badge badge-rejected_only">rejected</span> every upload rejected</li>
            <li><span className="badge badge-missing">missing</span> nothing uploaded</li>
          </ul>
          <div className="table-wrap">
            <table className="glance">
              <caption>Returns of each force for the 12 months up to {formatMonth(due)}; each cell opens that return's history</caption>
              <thead>
                <tr>
                  <th scope="col">Force</th>
                  {months.map((m) => (
                    <th scope="col" key={m}>
                      <abbr title={formatMonth(m)}>{shortMonth(m)}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {forces.map((f) => (
                  <tr key={f.code}>
                    <th scope="row">
                      {f.name} <span className="muted">({f.code})</span>
                    </th>
                    {months.map((m) => {
                      const row = byMonth.get(m)?.get(f.code);
                      if (!row) return <td key={m}>—</td>;
                      const cell = CELL[row.status];
                      return (
                        <td key={m}>
                          <a className={`badge badge-${cell.css}`} href={href('/history', { force: f.code, month: m })} aria-label={`${cell.long(row)}: ${f.name}, ${formatMonth(m)}`}>
                            {cell.short(row)}
                          </a>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/** `2024-03` → `Mar 24`. */
function shortMonth(month: string) {
  const [y, m] = month.split('-');
  return `${new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${y?.slice(2)}`;
}

function Deadline({ month, rows, now, link }: { month: string; rows: ComplianceRow[]; now: Date; link: RegionProps['link'] }) {
  const deadline = returnDueBy(month);
  const days = Math.ceil((deadline.getTime() + 86_400_000 - now.getTime()) / 86_400_000);
  const inHand = rows.filter((r) => r.status === 'ACCEPTED' || r.status === 'NIL_RETURN');
  const outstanding = rows.filter((r) => r.status === 'MISSING' || r.status === 'REJECTED_ONLY');
  const late = days <= 0 && outstanding.length > 0;
  return (
    <section className={`status-card ${outstanding.length ? (late ? 'status-rejected_only' : 'status-missing') : 'status-accepted'}`} aria-labelledby="deadline-heading">
      <h2 id="deadline-heading">Returns for {formatMonth(month)}</h2>
      <p>
        Due by {formatDay(deadline)}
        {days > 0 ? ` (${plural(days, 'day')} left)` : ' (the deadline has passed)'}. {inHand.length} of {plural(rows.length, 'force')} in.
      </p>
      {outstanding.length > 0 ? (
        <p>
          Still to come:{' '}
          {outstanding.map((r, i) => (
            <span key={r.force}>
              {i > 0 && ', '}
              <a href={href('/history', { force: r.force, month })}>{r.name}</a> ({r.status === 'MISSING' ? 'nothing uploaded' : 'rejected only'})
            </span>
          ))}
          .
        </p>
      ) : (
        <p>
          Every force has returned. <a href={link('/region/merge', { month })}>Merge {formatMonth(month)}</a>
        </p>
      )}
    </section>
  );
}
