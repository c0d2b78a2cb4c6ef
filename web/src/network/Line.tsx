import type { Session } from '../api/session';
import { roleWords } from '../format';
import { href } from '../router';
import { ErrorMessage, Loading } from '../screens/common';
import { useLine, type LineAnswer, type WindowQuery } from './api';
import { unique } from './Person';
import { windowParams } from './scope';
import { WindowPicker } from './WindowPicker';

/** A line: its names, deal numbers and areas, and the people on it with their roles — each a link to the person. */
export function LineScreen({ session, id, q }: { session: Session; id: string; q: WindowQuery }) {
  const line = useLine(id, q);
  const title = line.data?.line.names[0]?.value ?? `Line ${id}`;
  return (
    <>
      <p className="crumbs">
        <a href={href('/controllers', windowParams(q))}>Controllers</a>
      </p>
      <h1>{title}</h1>
      <WindowPicker session={session} path={`/lines/${id}`} q={q} />
      {line.isPending && <Loading label="Loading the line…" />}
      {line.isError && <ErrorMessage error={line.error} />}
      {line.data && <LineView data={line.data} q={q} />}
    </>
  );
}

function LineView({ data, q }: { data: LineAnswer; q: WindowQuery }) {
  const l = data.line;
  const values = (xs: { value: string }[]) => xs.map((x) => x.value).join(', ') || 'none recorded';
  const people = unique(data.links.map((x) => x.personId));
  return (
    <>
      <dl className="profile">
        <dt>Line id</dt>
        <dd>{l.id}</dd>
        <dt>Names</dt>
        <dd>{values(l.names)}</dd>
        <dt>Deal numbers</dt>
        <dd>{values(l.dealNumbers)}</dd>
        <dt>Exports from</dt>
        <dd>
          {values(l.exportingAreas)} ({values(l.exportingForces)})
        </dd>
        <dt>Imports to</dt>
        <dd>{values(l.importingAreas)}</dd>
        <dt>Reported by</dt>
        <dd>{l.forces.join(', ')}</dd>
      </dl>
      <h2>People on the line</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Roles</th>
              <th scope="col">Forces</th>
              <th scope="col">Months</th>
            </tr>
          </thead>
          <tbody>
            {people.map((pid) => {
              const rows = data.links.filter((x) => x.personId === pid);
              return (
                <tr key={pid}>
                  <td>
                    <a href={href(`/people/${pid}`, windowParams(q))}>{rows.map((r) => `${r.force} ${r.nominalRef}`)[0]}</a> <span className="muted">({pid})</span>
                  </td>
                  <td>{unique(rows.map((r) => roleWords(r.role))).join(', ')}</td>
                  <td>{unique(rows.map((r) => r.force)).join(', ')}</td>
                  <td>{unique(rows.map((r) => r.month)).sort().join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
