import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { formatMonth, monthOf, roleWords } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { MonthPicker } from '../screens/MonthPicker';
import { api, unwrap } from '../api/client';
import { networkScope } from './api';
import type { RegionProps } from './RegionScreens';
import { forceName, plural, regionName, ukDate } from './words';

// People on several lines with no recorded direction (DIRECTS, SUPPLIES,
// EXPLOITS, RECRUITED, FINANCES) from any force or ROCU: the people whose
// direction a ROCU should record first, most lines first.

/** `LEI LEI-N005 (October 2026, November 2026); NOT NOT-N9 (November 2026)`: one entry per force ref. */
function refsInWords(sources: { force: string; ref: string; month: string }[]) {
  const byRef = new Map<string, string[]>();
  for (const s of sources) byRef.set(`${s.force} ${s.ref}`, [...(byRef.get(`${s.force} ${s.ref}`) ?? []), s.month]);
  return [...byRef].map(([ref, months]) => `${ref} (${[...new Set(months)].sort().map(formatMonth).join(', ')})`).join('; ');
}


export function Worklist({ region, params, link, go }: RegionProps) {
  const id = useId();
  const month = params.get('month') ?? monthOf(new Date(), -1);
  const months = Number(params.get('months') ?? 3);
  const scope = networkScope(region);
  const list = useInfiniteQuery({
    queryKey: ['worklist-direction', scope, month, months],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/worklists/direction', { params: { query: { scope, month, months, cursor: pageParam, limit: 50 } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const people = list.data?.pages.flatMap((p) => p.people) ?? [];
  const first = list.data?.pages[0];

  return (
    <>
      <h1>People on several lines with no recorded direction</h1>
      <p className="hint-box">
        Nobody has recorded whom these people direct, supply or exploit, so the ranking cannot tell a controller from a runner who works several lines. Open a person
        and add a link (directs, supplies, exploits…) to record what you know; they leave this list once a direction is recorded.
      </p>
      <div className="filters">
        <MonthPicker month={month} onChange={(m) => go('/region/worklist', { month: m, months: String(months) })} label="Up to" />
        <div className="field inline">
          <label htmlFor={id}>Months</label>
          <select id={id} value={months} onChange={(e) => go('/region/worklist', { month, months: e.target.value })}>
            {[1, 3, 6, 12].map((n) => (
              <option key={n} value={n}>
                {plural(n, 'month')}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.isPending && <Loading label="Loading the worklist…" />}
      {list.isError && <ErrorMessage error={list.error} />}
      {first && (
        <p role="status">
          {regionName(region)}, {formatMonth(first.window.months[0])} to {formatMonth(first.window.months.at(-1))}: {plural(first.total, 'person', 'people')}.
        </p>
      )}
      {people.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">People on two or more lines with no direction recorded, most lines first</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Lines</th>
                <th scope="col">Roles reported</th>
                <th scope="col">Forces and their refs</th>
                <th scope="col">PNC ID, date of birth</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.personId}>
                  <td>
                    <a href={link(`/region/people/${p.personId}`)}>{p.names[0] ?? p.personId}</a>
                    {p.names.length > 1 && <span className="muted"> also {p.names.slice(1).join(', ')}</span>}
                    {(p.flags.child || p.flags.exploited) && <span className="badge badge-warning">{p.flags.child ? 'child' : 'exploited'}</span>}
                  </td>
                  <td>
                    {p.lines.map((l, i) => (
                      <span key={l.lineId}>
                        {i > 0 && ', '}
                        <a href={link(`/region/lines/${l.lineId}`)}>{l.names[0] ?? l.lineId}</a>
                      </span>
                    ))}
                  </td>
                  <td>{p.roles.map(roleWords).join(', ')}</td>
                  <td>{refsInWords(p.sources) || p.forces.map(forceName).join(', ')}</td>
                  <td>
                    {p.pncIds.join(', ') || 'no PNC ID'}; {p.dob ? `born ${ukDate(p.dob)}${p.age !== null ? ` (${p.age})` : ''}` : 'no date of birth'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {first && first.total === 0 && <p>Everyone on two or more lines has a recorded direction.</p>}
      {list.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : `Show more (${people.length} of ${first?.total} shown)`}
        </button>
      )}
    </>
  );
}
