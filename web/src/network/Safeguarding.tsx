import type { Session } from '../api/session';
import { href } from '../router';
import { ErrorMessage } from '../screens/common';
import { useSafeguarding, type SafeguardingEntry, type WindowQuery } from './api';
import { Progress } from './Controllers';
import { saveText, toCsv } from './csv';
import { personName } from './labels';
import { windowParams } from './scope';
import { WindowPicker } from './WindowPicker';

const GROUP_WORDS: Record<SafeguardingEntry['group'], string> = { CHILD: 'Child', EXPLOITED: 'Exploited', VULNERABLE: 'Vulnerable' };
const referral = (v: string | null) => (v === null ? 'not recorded' : v.toLowerCase());

/** Children first, then exploited, then vulnerable people, as the service orders them: whom each directs, the controllers above, the referrals recorded. */
export function SafeguardingScreen({ session, q }: { session: Session; q: WindowQuery }) {
  const list = useSafeguarding(q);
  return (
    <>
      <div className="title-row">
        <h1>Safeguarding</h1>
        <button type="button" className="secondary" disabled={!list.done || list.items.length === 0} onClick={() => saveText(csvOf(list.items), `safeguarding-${q.scope}-${q.month}.csv`)}>
          Download as CSV
        </button>
      </div>
      <WindowPicker session={session} path="/safeguarding" q={q} />
      <p className="hint">Children first, then people recorded as exploited, then vulnerable adults; within each, those with no safeguarding referral recorded come first.</p>
      <Progress loaded={list.items.length} total={list.total} done={list.done} what="people" />
      {!!list.error && <ErrorMessage error={list.error} title="The list could not be loaded in full." />}
      {list.done && list.items.length === 0 && <p>No child, exploited or vulnerable person is recorded in this scope and window.</p>}
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table className="safeguarding" data-rows={list.items.length}>
            <caption className="visually-hidden">Children, exploited and vulnerable people</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Age
                </th>
                <th scope="col">Forces</th>
                <th scope="col">Directs</th>
                <th scope="col">Controllers above</th>
                <th scope="col">Safeguarding referral</th>
                <th scope="col">NRM referral</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.personId} data-group={e.group}>
                  <td>
                    <span className={`badge flag-${e.group.toLowerCase()}`}>{GROUP_WORDS[e.group]}</span>
                  </td>
                  <td>
                    <a href={href(`/people/${e.personId}`, windowParams(q))}>{personName(e.names, e.personId)}</a>
                  </td>
                  <td className="num">{e.age ?? '—'}</td>
                  <td>{e.forces.join(', ')}</td>
                  <td>{e.directsText || '—'}</td>
                  <td>
                    {e.controllersAbove.length === 0
                      ? 'none recorded'
                      : e.controllersAbove.map((c, i) => (
                          <span key={c.personId}>
                            {i > 0 && ', '}
                            <a href={href(`/people/${c.personId}`, windowParams(q))}>{personName(c.names, c.personId)}</a> <span className="muted">(ranked {c.rank})</span>
                          </span>
                        ))}
                  </td>
                  <td>{referral(e.safeguardingReferral)}</td>
                  <td>{referral(e.nrmReferral)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function csvOf(items: SafeguardingEntry[]): string {
  return toCsv(
    ['Group', 'Person id', 'Name', 'Age', 'Date of birth', 'PNC IDs', 'Forces', 'Force records', 'Lines', 'Directs', 'Controllers above', 'Exploited', 'Vulnerabilities', 'Safeguarding referral', 'NRM referral', 'Handling conditions'],
    items.map((e) => [
      GROUP_WORDS[e.group],
      e.personId,
      personName(e.names, e.personId),
      e.age,
      e.dob,
      e.pncIds.join('; '),
      e.forces.join('; '),
      e.sources.map((s) => `${s.force} ${s.month} ${s.ref}`).join('; '),
      e.lines.map((l) => l.names[0] ?? l.lineId).join('; '),
      e.directsText,
      e.controllersAbove.map((c) => `${personName(c.names, c.personId)} (ranked ${c.rank})`).join('; '),
      e.exploited,
      e.vulnerabilities.join('; '),
      referral(e.safeguardingReferral),
      referral(e.nrmReferral),
      e.handlingConditions.join('; '),
    ]),
  );
}
