import { useDeferredValue, useId, useState } from 'react';
import { formatMonth, formatTime } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { useLines, useMerge, usePeople, type MergedLine, type MergedPerson } from './api';
import type { RegionProps } from './RegionScreens';
import { personName, plural, ukDate, ukPhone } from './words';

// The latest merge's people and lines, searched by name, PNC ID, deal number or
// line name. The merge answers each list whole, so the search runs here.

const SHOWN = 50;
const fold = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
/** Deal numbers are stored as +447…; an analyst types 07…. */
const phoneKey = (s: string) => fold(s).replace(/^0(?=7)/, '44');

function personMatches(p: MergedPerson, q: string) {
  const values = [...p.surnames, ...p.forenames, ...p.pncIds].map((v) => fold(v.value));
  const name = fold(`${p.forenames[0]?.value ?? ''}${p.surnames[0]?.value ?? ''}`);
  return values.some((v) => v.includes(q)) || name.includes(q) || fold(p.id).includes(q);
}
function lineMatches(l: MergedLine, q: string) {
  return l.names.some((n) => fold(n.value).includes(q)) || l.dealNumbers.some((d) => phoneKey(d.value).includes(phoneKey(q))) || fold(l.id).includes(q);
}

export function PeopleSearch({ region, params, link, go }: RegionProps) {
  const id = useId();
  const { merge, isPending, error } = useMerge({ region });
  const people = usePeople({ region, mergeId: merge?.id });
  const lines = useLines({ region, mergeId: merge?.id });
  const [text, setText] = useState(params.get('q') ?? '');
  const q = fold(useDeferredValue(text));
  const [more, setMore] = useState(false);

  const foundPeople = q ? (people.data ?? []).filter((p) => personMatches(p, q)) : (people.data ?? []);
  const foundLines = q ? (lines.data ?? []).filter((l) => lineMatches(l, q)) : (lines.data ?? []);

  return (
    <>
      <h1>People and lines</h1>
      {isPending && <Loading label="Loading the merges…" />}
      {!!error && <ErrorMessage error={error} />}
      {merge === null && (
        <p>
          No merge has been run for this region yet. <a href={link('/region/merge')}>Run a merge</a> first.
        </p>
      )}
      {merge && (
        <p className="muted">
          From the latest merge: {formatMonth(merge.month)}, run {formatTime(merge.createdAt)}.
        </p>
      )}
      {merge && (
        <form
          className="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            go('/region/people', { q: text || undefined });
          }}
        >
          <label htmlFor={id}>Search by name, PNC ID, deal number or line name</label>
          <input id={id} type="search" value={text} onChange={(e) => (setText(e.target.value), setMore(false))} size={40} autoComplete="off" />
        </form>
      )}
      {(people.isError || lines.isError) && <ErrorMessage error={people.error ?? lines.error} />}
      {merge && (people.isPending || lines.isPending) && <Loading label="Loading the region's people and lines…" />}
      {people.data && lines.data && (
        <>
          <p role="status" aria-live="polite">
            {q ? `${plural(foundPeople.length, 'person', 'people')} and ${plural(foundLines.length, 'line')} match.` : `${plural(people.data.length, 'person', 'people')} and ${plural(lines.data.length, 'line')} in the merge.`}
          </p>
          <h2>People ({foundPeople.length.toLocaleString('en-GB')})</h2>
          {foundPeople.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">People found</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">PNC ID</th>
                    <th scope="col">Forces</th>
                    <th scope="col">Records</th>
                  </tr>
                </thead>
                <tbody>
                  {foundPeople.slice(0, more ? undefined : SHOWN).map((p) => (
                    <tr key={p.id}>
                      <td>
                        <a href={link(`/region/people/${p.id}`)}>{personName(p)}</a>
                        {p.forenames.length + p.surnames.length > 2 && <span className="muted"> also {[...p.forenames.slice(1), ...p.surnames.slice(1)].map((v) => v.value).join(', ')}</span>}
                      </td>
                      <td>{ukDate(p.dobs[0]?.value)}</td>
                      <td>{p.pncIds.map((v) => v.value).join(', ') || '—'}</td>
                      <td>{p.forces.join(', ')}</td>
                      <td>{p.records.map((r) => `${r.force} ${r.ref}`).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Lines ({foundLines.length.toLocaleString('en-GB')})</h2>
          {foundLines.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Lines found</caption>
                <thead>
                  <tr>
                    <th scope="col">Line name</th>
                    <th scope="col">Deal numbers</th>
                    <th scope="col">Exporting area</th>
                    <th scope="col">Forces</th>
                  </tr>
                </thead>
                <tbody>
                  {foundLines.slice(0, more ? undefined : SHOWN).map((l) => (
                    <tr key={l.id}>
                      <td>
                        <a href={link(`/region/lines/${l.id}`)}>{l.names.map((n) => n.value).join(' / ') || l.id}</a>
                      </td>
                      <td>{l.dealNumbers.map((d) => ukPhone(d.value)).join(', ')}</td>
                      <td>{l.exportingAreas.map((a) => a.value).join(', ')}</td>
                      <td>{l.forces.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!more && (foundPeople.length > SHOWN || foundLines.length > SHOWN) && (
            <button type="button" className="secondary" onClick={() => setMore(true)}>
              Show all {foundPeople.length.toLocaleString('en-GB')} people and {foundLines.length.toLocaleString('en-GB')} lines
            </button>
          )}
        </>
      )}
    </>
  );
}
