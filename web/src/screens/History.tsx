import { useId, useState } from 'react';
import { originalUrl, reportUrl, useHistory, type HistoryRow } from '../api/returns';
import type { Session } from '../api/session';
import { count, formatMonth, formatTime } from '../format';
import { href, navigate } from '../router';
import { DownloadButton, ErrorMessage, Loading } from './common';
import { MonthPicker } from './MonthPicker';
import { defaultMonth } from './ThisMonth';

export function statusText(r: Pick<HistoryRow, 'status' | 'version' | 'current' | 'nilReturn'>): string {
  if (r.status === 'REJECTED') return 'Rejected';
  const what = r.nilReturn ? `Nil return v${r.version}` : `Accepted v${r.version}`;
  return r.current ? `${what} (current)` : `${what} (superseded)`;
}

/** Every version and rejected attempt, newest first, with both workbooks of each. */
export function HistoryScreen({ session, month, force }: { session: Session; month?: string; force?: string }) {
  const id = useId();
  const isForce = session.user.role === 'FORCE_ANALYST';
  const [forceText, setForceText] = useState(force ?? '');
  const history = useHistory({ month, force: isForce ? undefined : force });

  return (
    <>
      <h1>History{month ? ` for ${formatMonth(month)}` : ''}</h1>
      <div className="filters">
        {month ? (
          <>
            <MonthPicker month={month} onChange={(m) => navigate('/history', { month: m, force })} />
            <a href={href('/history', { force })}>All months</a>
          </>
        ) : (
          <button type="button" className="link" onClick={() => navigate('/history', { month: defaultMonth(), force })}>
            Choose a month
          </button>
        )}
        {!isForce && (
          <form
            className="field inline"
            onSubmit={(e) => {
              e.preventDefault();
              navigate('/history', { month, force: forceText.trim().toUpperCase() || undefined });
            }}
          >
            <label htmlFor={`${id}-force`}>Force code</label>
            <input id={`${id}-force`} value={forceText} onChange={(e) => setForceText(e.target.value)} size={6} />
            <button type="submit" className="secondary">
              Show
            </button>
          </form>
        )}
      </div>
      {history.isPending && <Loading label="Loading the history…" />}
      {history.isError && <ErrorMessage error={history.error} />}
      {history.data && history.data.length === 0 && <p>Nothing has been uploaded{month ? ` for ${formatMonth(month)}` : ''} yet.</p>}
      {history.data && history.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Uploads, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Uploaded</th>
                <th scope="col">By</th>
                {!isForce && <th scope="col">Force</th>}
                <th scope="col">Month</th>
                <th scope="col">Status</th>
                <th scope="col">File</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Problems</th>
                <th scope="col">Downloads</th>
              </tr>
            </thead>
            <tbody>
              {[...history.data]
                .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))
                .map((r) => (
                  <tr key={r.id}>
                    <td className="time">
                      <a href={href(`/returns/${r.id}`)}>{formatTime(r.uploadedAt)}</a>
                    </td>
                    <td>{r.uploadedByName ?? '—'}</td>
                    {!isForce && <td>{r.force}</td>}
                    <td>{formatMonth(r.month)}</td>
                    <td>
                      <span className={`badge badge-${r.status === 'REJECTED' ? 'rejected_only' : r.current ? 'accepted' : 'superseded'}`}>{statusText(r)}</span>
                    </td>
                    <td className="filename">{r.filename}</td>
                    <td>
                      <code className="hash" title={r.sha256}>
                        {r.sha256.slice(0, 12)}…
                      </code>
                    </td>
                    <td>{problemSummary(r.counts)}</td>
                    <td className="downloads">
                      <DownloadButton url={originalUrl(r.id)} filename={r.filename}>
                        Original
                      </DownloadButton>
                      <DownloadButton url={reportUrl(r.id)} filename={`report-${r.force}-${r.month}.xlsx`}>
                        Annotated
                      </DownloadButton>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function problemSummary(counts: Record<string, number>): string {
  return `${count(counts.errors ?? 0, 'error')}, ${count(counts.warnings ?? 0, 'warning')}`;
}
