import { formatMonth, formatTime } from '../format';
import { href } from '../router';
import { DownloadButton, ErrorMessage, Loading } from '../screens/common';
import { exportUrl, useAlerts, useLines, usePeople, type MergeSummary } from './api';
import type { RegionProps } from './RegionScreens';
import { forceName, plural, ukDate } from './words';

// What a merge found: people and lines before and after resolution, review
// pairs waiting, missing and nil returns, the deconfliction alerts with whom to
// contact, and the regional return with its handling conditions.

export function Summary({ merge, region, link }: { merge: MergeSummary; region: string; link: RegionProps['link'] }) {
  const { stats, missing } = merge;
  const people = usePeople({ region, mergeId: merge.id });
  const lines = useLines({ region, mergeId: merge.id });
  const conditions = [...new Set([...(people.data ?? []), ...(lines.data ?? [])].flatMap((e) => e.handlingConditions))].sort();
  return (
    <section className="merge-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">
        {formatMonth(merge.month)}, merged {formatTime(merge.createdAt)}
      </h2>
      <table className="stats">
        <caption>People and lines before and after resolution</caption>
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">Rows in the returns</th>
            <th scope="col">Force records</th>
            <th scope="col">After resolution</th>
            <th scope="col">Joined by the merge</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">People</th>
            <td>{stats.rows.nominals.toLocaleString('en-GB')}</td>
            <td>{stats.records.people.toLocaleString('en-GB')}</td>
            <td>{stats.entities.people.toLocaleString('en-GB')}</td>
            <td>{plural(stats.merged.people, 'pair')}</td>
          </tr>
          <tr>
            <th scope="row">Lines</th>
            <td>{stats.rows.lines.toLocaleString('en-GB')}</td>
            <td>{stats.records.lines.toLocaleString('en-GB')}</td>
            <td>{stats.entities.lines.toLocaleString('en-GB')}</td>
            <td>{plural(stats.merged.lines, 'pair')}</td>
          </tr>
        </tbody>
      </table>
      <p>
        {plural(stats.returns, 'return')} with lines merged; {plural(stats.decisionsApplied, 'review decision')} applied
        {stats.decisionConflicts > 0 && `, ${plural(stats.decisionConflicts, '"same" decision')} not honoured because a "different" decision forbids the join`}.
      </p>
      <ul className="outcomes">
        <li>
          <strong>Review pairs waiting: {merge.reviewPairs}</strong>
          {merge.reviewPairs > 0 && (
            <>
              {' '}
              — <a href={link('/region/review')}>work the review queue</a>
            </>
          )}
        </li>
        <li>
          <strong>Missing returns:</strong> {missing.missing.length ? missing.missing.map((f) => `${forceName(f)} (${f})`).join(', ') : 'none'}
          {missing.missing.map((f) => (
            <span key={f}>
              {' '}
              <a href={href('/history', { force: f, month: merge.month })}>history of {f}</a>
            </span>
          ))}
        </li>
        <li>
          <strong>Nil returns:</strong> {missing.nil.length ? missing.nil.map((f) => `${forceName(f)} (${f})`).join(', ') : 'none'}
        </li>
      </ul>
      <Alerts region={region} merge={merge} link={link} />
      <h3>Regional return</h3>
      <p>
        <DownloadButton url={exportUrl(region, merge.id)} filename={`regional-return-${merge.scope}-${merge.month}.xlsx`} className="secondary">
          Download the regional return (.xlsx)
        </DownloadButton>
      </p>
      <p className="handling-note">
        Handling conditions: the workbook carries every force row's handling code and conditions, and may be shared only as they allow.
        {conditions.length > 0 && <> Conditions set in this merge: {conditions.map((c) => `“${c}”`).join('; ')}.</>}
      </p>
    </section>
  );
}

function Alerts({ region, merge, link }: { region: string; merge: MergeSummary; link: RegionProps['link'] }) {
  const alerts = useAlerts({ region, mergeId: merge.id });
  return (
    <>
      <h3>Deconfliction alerts: {merge.alerts}</h3>
      {alerts.isPending && merge.alerts > 0 && <Loading label="Loading the alerts…" />}
      {alerts.isError && <ErrorMessage error={alerts.error} />}
      {alerts.data && alerts.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Lines and people under active investigation by more than one force: whom to contact</caption>
            <thead>
              <tr>
                <th scope="col">Line or person</th>
                <th scope="col">Forces to contact, with their refs</th>
                <th scope="col">Also investigating, outside the region</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.map((a) => (
                <tr key={a.key}>
                  <td>
                    {a.kind === 'line' ? 'Line ' : 'Person '}
                    <a href={link(`/region/${a.kind === 'line' ? 'lines' : 'people'}/${a.entityId}`)}>{a.label.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => ukDate(iso))}</a>
                  </td>
                  <td>
                    <ul className="plain">
                      {a.forces.map((f) => (
                        <li key={f.force}>
                          {forceName(f.force)} ({f.force}): {f.refs.join(', ')}
                          {a.kind === 'person' && f.lineRefs.length > 0 && <span className="muted"> on line refs {f.lineRefs.join(', ')}</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{a.outsideRegion?.length ? a.outsideRegion.map(forceName).join(', ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
