import type { ComplianceRow } from '../api/returns';
import { templateUrl, useCompliance } from '../api/returns';
import type { Session } from '../api/session';
import { formatDay, formatMonth, formatTime, monthOf, returnDueBy } from '../format';
import { href, navigate } from '../router';
import { DownloadButton, ErrorMessage, Loading } from './common';
import { MonthPicker } from './MonthPicker';

/** The month normally being returned: last month's return is due this month. */
export const defaultMonth = () => monthOf(new Date(), -1);

const STATUS_TEXT: Record<ComplianceRow['status'], string> = {
  ACCEPTED: 'Accepted',
  NIL_RETURN: 'Nil return',
  REJECTED_ONLY: 'Rejected only',
  MISSING: 'Missing',
};

function statusLine(row: ComplianceRow): string {
  switch (row.status) {
    case 'ACCEPTED':
      return `Accepted: version ${row.version} is current, uploaded ${formatTime(row.uploadedAt)}.`;
    case 'NIL_RETURN':
      return `Nil return accepted (version ${row.version}), uploaded ${formatTime(row.uploadedAt)}.`;
    case 'REJECTED_ONLY':
      return 'Rejected only: every upload so far was rejected. Fix the problems and upload again.';
    case 'MISSING':
      return 'Missing: nothing has been uploaded for this month yet.';
  }
}

export function ThisMonth({ session, month: fromUrl }: { session: Session; month?: string }) {
  const month = fromUrl ?? defaultMonth();
  const compliance = useCompliance(month);
  const isForce = session.user.role === 'FORCE_ANALYST';
  const own = compliance.data?.find((r) => r.force === session.user.force);

  return (
    <>
      <div className="title-row">
        <h1>{isForce ? `${formatMonth(month)}: ${session.user.force}` : `Returns for ${formatMonth(month)}`}</h1>
        <DownloadButton url={templateUrl} filename="county-lines-matrix-template.xlsx" className="secondary">
          Download template
        </DownloadButton>
      </div>
      <MonthPicker month={month} onChange={(m) => navigate('/', { month: m })} label="Reporting month" />
      {compliance.isPending && <Loading label="Loading the month…" />}
      {compliance.isError && <ErrorMessage error={compliance.error} />}
      {isForce && own && (
        <section className={`status-card status-${own.status.toLowerCase()}`} aria-labelledby="status-heading">
          <h2 id="status-heading">
            <span className={`badge badge-${own.status.toLowerCase()}`}>{STATUS_TEXT[own.status]}</span> {own.name}
          </h2>
          <p>{statusLine(own)}</p>
          <p>Due by {formatDay(returnDueBy(month))}.</p>
          <p className="actions">
            <a className="button" href={href('/upload')}>
              Upload a return
            </a>
            <a href={href('/history', { month })}>History for {formatMonth(month)}</a>
            {own.returnId && <a href={href(`/returns/${own.returnId}`)}>Report of the current version</a>}
          </p>
        </section>
      )}
      {!isForce && compliance.data && <ComplianceTable rows={compliance.data} month={month} />}
    </>
  );
}

/** Regional and national analysts: every force they may see, read-only (they cannot upload). */
function ComplianceTable({ rows, month }: { rows: ComplianceRow[]; month: string }) {
  const counts = rows.reduce<Record<string, number>>((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {});
  return (
    <>
      <p>
        {rows.length} forces: {counts.ACCEPTED ?? 0} accepted, {counts.NIL_RETURN ?? 0} nil, {counts.REJECTED_ONLY ?? 0} rejected only, {counts.MISSING ?? 0} missing.
      </p>
      <table>
        <caption className="visually-hidden">Return status of each force for {formatMonth(month)}</caption>
        <thead>
          <tr>
            <th scope="col">Force</th>
            <th scope="col">Status</th>
            <th scope="col">Version</th>
            <th scope="col">Uploaded</th>
            <th scope="col">Report</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.force}>
              <th scope="row">
                {r.name} <span className="muted">({r.force})</span>
              </th>
              <td>
                <span className={`badge badge-${r.status.toLowerCase()}`}>{STATUS_TEXT[r.status]}</span>
              </td>
              <td>{r.version ?? '—'}</td>
              <td>{formatTime(r.uploadedAt)}</td>
              <td>{r.returnId ? <a href={href(`/returns/${r.returnId}`)}>Report</a> : <a href={href('/history', { force: r.force, month })}>History</a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
