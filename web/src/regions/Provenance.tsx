import { formatMonth, formatTime } from '../format';
import type { MergedPerson, SourcedValue } from './api';
import { provenance } from './words';

// Pieces both profiles share: every value with the force rows that supplied
// it, the force records, why records were joined, and the ROCU's own data.

export function SourcedTable({ caption, rows }: { caption: string; rows: { label: string; values: SourcedValue[]; format?: (v: string) => string }[] }) {
  const shown = rows.filter((r) => r.values.length > 0);
  return (
    <div className="table-wrap">
      <table className="sourced">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Value</th>
            <th scope="col">Reported by (force, month, sheet, row)</th>
          </tr>
        </thead>
        <tbody>
          {shown.flatMap((r) =>
            r.values.map((v, i) => (
              <tr key={`${r.label}-${v.value}`}>
                {i === 0 ? (
                  <th scope="row" rowSpan={r.values.length}>
                    {r.label}
                  </th>
                ) : null}
                <td>{r.format ? r.format(v.value) : v.value}</td>
                <td>{v.sources.length ? v.sources.map(provenance).join('; ') : <span className="muted">ROCU</span>}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function Records({ records }: { records: MergedPerson['records'] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Force records joined here</caption>
        <thead>
          <tr>
            <th scope="col">Force</th>
            <th scope="col">Force's ref</th>
            <th scope="col">Months</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.key}>
              <td>{r.force}</td>
              <td>{r.ref}</td>
              <td>{r.months.map(formatMonth).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const BASIS: Record<string, string> = {
  PNC: 'same PNC ID',
  SCORE: 'the evidence together',
  DECISION: 'an analyst decided they are the same',
  DEAL_NUMBER: 'same deal number',
  LINE_SWAP: 'a line swap',
  WINDOW: 'one person over this month and the two before',
};

/** A record key `LEI|LEI-N005` as `LEI LEI-N005`. */
const recordName = (key: string) => key.replace('|', ' ');

export function Joins({ edges, confidence }: { edges: MergedPerson['edges']; confidence: number }) {
  if (edges.length === 0) return <p>One force record: nothing was joined.</p>;
  return (
    <>
      <p>
        Joined on {edges.length === 1 ? 'one link' : `${edges.length} links`}; confidence {confidence.toFixed(2)}.
      </p>
      <ul>
        {edges.map((e) => (
          <li key={`${e.a}-${e.b}`}>
            {recordName(e.a)} and {recordName(e.b)}: {BASIS[e.basis] ?? e.basis}
            {e.basis !== 'DECISION' && <span className="muted"> — {e.summary ?? e.explanation}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Notes and OCG URNs: the ROCU's own are marked as such, apart from what forces reported. */
export function OwnData({ notes, ocgUrns, unit }: { notes: MergedPerson['notes']; ocgUrns: MergedPerson['ocgUrns']; unit: string }) {
  if (notes.length === 0 && ocgUrns.length === 0) return <p className="muted">No OCG URN or note recorded yet.</p>;
  return (
    <ul className="own-data">
      {ocgUrns.map((o) => (
        <li key={`${o.source}-${o.urn}`}>
          OCG URN <strong>{o.urn}</strong>{' '}
          {o.source === 'ROCU' ? <span className="badge badge-info">{unit}’s own</span> : <span className="muted">reported by {o.sources.map(provenance).join('; ')}</span>}
        </li>
      ))}
      {notes.map((n) => (
        <li key={`${n.createdAt}-${n.text}`}>
          Note: {n.text} <span className="badge badge-info">{unit}’s own</span> <span className="muted">{formatTime(n.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}
