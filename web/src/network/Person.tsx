import { lazy, Suspense, useId, useState } from 'react';
import type { Session } from '../api/session';
import { formatMonth, roleWords } from '../format';
import { href } from '../router';
import { DownloadButton, ErrorMessage, Loading } from '../screens/common';
import { networkUrl, usePerson, type PersonAnswer, type WindowQuery } from './api';
import { flagWords } from './labels';
import { windowParams } from './scope';
import { WindowPicker } from './WindowPicker';

// sigma, graphology and the layout worker are fetched only when the picture is opened.
const NetworkPicture = lazy(() => import('./NetworkPicture'));

type Link = PersonAnswer['links'][number];
type Sourced = { value: string; sources: { force: string; month: string; sheet: string; row: number }[] };

export const fullName = (p: PersonAnswer['person']) => [p.forenames[0]?.value, p.surnames[0]?.value].filter(Boolean).join(' ') || p.id;

/** A person: who they are by every force's record, their lines, roles by force and month, the rows behind each, and their network. */
export function PersonScreen({ session, id, q }: { session: Session; id: string; q: WindowQuery }) {
  const person = usePerson(id, q);
  return (
    <>
      <p className="crumbs">
        <a href={href('/controllers', windowParams(q))}>Controllers</a>
      </p>
      {person.isPending && (
        <>
          <h1>Person {id}</h1>
          <Loading label="Loading the person…" />
        </>
      )}
      {person.isError && (
        <>
          <h1>Person {id}</h1>
          <WindowPicker session={session} path={`/people/${id}`} q={q} />
          <ErrorMessage error={person.error} />
        </>
      )}
      {person.data && <PersonView session={session} data={person.data} q={q} />}
    </>
  );
}

function PersonView({ session, data, q }: { session: Session; data: PersonAnswer; q: WindowQuery }) {
  const p = data.person;
  const flags = flagWords(data.flags);
  const lines = groupBy(data.links, (l) => l.lineId);
  return (
    <>
      <div className="title-row">
        <h1>{fullName(p)}</h1>
        <p className="standing">
          {data.rank !== null ? <>Ranked {data.rank} among controlling minds</> : data.overallRank !== null ? <>{data.overallRank} overall (not ranked as a controlling mind)</> : 'Not ranked'}
          {flags.map((f) => (
            <span key={f} className={`badge flag-${f}`}>
              {f}
            </span>
          ))}
        </p>
      </div>
      <WindowPicker session={session} path={`/people/${p.id}`} q={q} />

      <section aria-labelledby="profile-h">
        <h2 id="profile-h">Profile</h2>
        <dl className="profile">
          <Row term="Person id" value={p.id} />
          <Row term="Age" value={data.age === null ? 'unknown' : `${data.age}`} />
          <Values term="Surnames" values={p.surnames} />
          <Values term="Forenames" values={p.forenames} />
          <Values term="Street names" values={p.streetNames} />
          <Values term="Dates of birth" values={p.dobs} />
          <Values term="PNC IDs" values={p.pncIds} />
          <Values term="Phones" values={p.phones} />
          <Values term="Postcode districts" values={p.postcodeDistricts} />
          <Values term="Vulnerabilities" values={p.vulnerabilities} />
          <Row term="Exploited (as recorded)" value={p.exploited.toLowerCase()} />
          <Row term="Handling conditions" value={p.handlingConditions.join('; ') || 'none'} />
          <Row term="Force records" value={p.records.map((r) => `${r.force} ${r.ref}`).join(', ')} />
        </dl>
      </section>

      <section aria-labelledby="lines-h">
        <h2 id="lines-h">Lines</h2>
        {lines.size === 0 ? (
          <p>On no line in this window.</p>
        ) : (
          <ul className="line-list">
            {[...lines].map(([lineId, links]) => (
              <li key={lineId}>
                <a href={href(`/lines/${lineId}`, windowParams(q))}>{links[0]!.lineRef}</a> <span className="muted">({lineId})</span>:{' '}
                {unique(links.map((l) => roleWords(l.role))).join(', ')} in {unique(links.map((l) => l.force)).join(', ')}, {unique(links.map((l) => formatMonth(l.month))).join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <RolesByForceMonth links={data.links} />

      <section aria-labelledby="evidence-h">
        <h2 id="evidence-h">Evidence</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Every row of the returns that put this person on a line</caption>
            <thead>
              <tr>
                <th scope="col">Force</th>
                <th scope="col">Month</th>
                <th scope="col">Nominal ref</th>
                <th scope="col">Line ref</th>
                <th scope="col">Role</th>
                <th scope="col">Grading</th>
                <th scope="col" className="num">
                  Police contacts
                </th>
                <th scope="col">Sheet, row</th>
              </tr>
            </thead>
            <tbody>
              {data.links.map((l, i) => (
                <tr key={i}>
                  <td>{l.force}</td>
                  <td>{l.month}</td>
                  <td>{l.nominalRef}</td>
                  <td>
                    <a href={href(`/lines/${l.lineId}`, windowParams(q))}>{l.lineRef}</a>
                  </td>
                  <td>{roleWords(l.role)}</td>
                  <td>{l.grading ?? '—'}</td>
                  <td className="num">{l.policeContacts}</td>
                  <td>
                    {l.evidence.sheet}, row {l.evidence.row}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <NetworkSection personId={p.id} q={q} />
    </>
  );
}

function NetworkSection({ personId, q }: { personId: string; q: WindowQuery }) {
  const id = useId();
  const [depth, setDepth] = useState(2);
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="network-h" className="network-section">
      <h2 id="network-h">Network</h2>
      <div className="filters">
        <div className="field inline">
          <label htmlFor={`${id}-depth`}>Steps from this person</label>
          <select id={`${id}-depth`} value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
            {[1, 2, 3, 4].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        {!open && (
          <button type="button" onClick={() => setOpen(true)}>
            Show the network picture
          </button>
        )}
        <DownloadButton url={networkUrl(personId, q, depth, 'graphml')} filename={`network-${personId}.graphml`}>
          Download GraphML
        </DownloadButton>
        <DownloadButton url={networkUrl(personId, q, depth, 'gexf')} filename={`network-${personId}.gexf`}>
          Download GEXF
        </DownloadButton>
      </div>
      {open && (
        <Suspense fallback={<Loading label="Loading the picture…" />}>
          <NetworkPicture personId={personId} q={q} depth={depth} />
        </Suspense>
      )}
    </section>
  );
}

function RolesByForceMonth({ links }: { links: Link[] }) {
  const months = unique(links.map((l) => l.month)).sort();
  const forces = unique(links.map((l) => l.force)).sort();
  const cell = (force: string, month: string) => unique(links.filter((l) => l.force === force && l.month === month).map((l) => roleWords(l.role))).join(', ');
  return (
    <section aria-labelledby="roles-h">
      <h2 id="roles-h">Roles by force and month</h2>
      {forces.length === 0 ? (
        <p>No role recorded in this window.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Force</th>
                {months.map((m) => (
                  <th scope="col" key={m}>
                    {formatMonth(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {forces.map((f) => (
                <tr key={f}>
                  <th scope="row">{f}</th>
                  {months.map((m) => (
                    <td key={m}>{cell(f, m) || '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** A recorded value with who recorded it: "SMITH (LEI 2026-03 Nominals row 4)". */
function Values({ term, values }: { term: string; values: Sourced[] }) {
  if (values.length === 0) return <Row term={term} value="none recorded" />;
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <ul className="sourced">
          {values.map((v) => (
            <li key={v.value}>
              {v.value}{' '}
              <span className="muted">
                ({v.sources.slice(0, 3).map((s) => `${s.force} ${s.month} ${s.sheet} row ${s.row}`).join('; ')}
                {v.sources.length > 3 ? `; ${v.sources.length - 3} more` : ''})
              </span>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

export function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}
