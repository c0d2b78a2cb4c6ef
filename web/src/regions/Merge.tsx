import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatMonth, formatTime, monthOf } from '../format';
import { href } from '../router';
import { DownloadButton, ErrorMessage, Loading } from '../screens/common';
import { MonthPicker } from '../screens/MonthPicker';
import { exportUrl, useAlerts, useJob, useLines, useMerge, useMerges, usePeople, useRunMerge, type Job, type MergeSummary } from './api';
import type { RegionProps } from './RegionScreens';
import { forceName, MERGE_STAGES, plural, regionName, ukDate } from './words';

// Run a merge as a job and watch it; then what it found: people and lines
// before and after resolution, missing returns, deconfliction alerts with the
// forces and refs to contact, review pairs waiting; earlier merges below.

export function MergeScreen({ region, params, link, go }: RegionProps) {
  const jobId = params.get('job') ?? undefined;
  const mergeId = params.get('id') ?? undefined;
  const [month, setMonth] = useState(params.get('month') ?? monthOf(new Date(), -1));
  const run = useRunMerge({ region });
  const job = useJob(jobId);
  const merges = useMerges({ region });
  const { merge } = useMerge({ region, id: mergeId });
  const qc = useQueryClient();

  // A finished job: show its merge (and let every list that depends on the latest merge load again).
  const status = job.data?.status;
  const resultId = job.data?.result?.id;
  useEffect(() => {
    if (status !== 'succeeded' || !resultId) return;
    void qc.invalidateQueries({ queryKey: ['merges', region] });
    void qc.invalidateQueries({ queryKey: ['review', region] });
  }, [status, resultId, region, qc]);

  return (
    <>
      <h1>Merge {regionName(region)}</h1>
      <form
        className="run-merge"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate(month, { onSuccess: (j) => go('/region/merge', { job: j.id, month }) });
        }}
      >
        <MonthPicker month={month} onChange={setMonth} label="Month to merge" />
        <button type="submit" disabled={run.isPending || status === 'running'}>
          Run merge
        </button>
        <p className="hint">
          Merges the current accepted return of every force for the month, resolves the same people and lines across forces, and applies the review decisions made so far.
        </p>
      </form>
      {run.isError && <ErrorMessage error={run.error} title="The merge could not be started." />}
      {jobId && <JobProgress job={job.data} error={job.error} />}
      {job.data?.status === 'succeeded' && job.data.result && <Summary merge={job.data.result} region={region} link={link} />}
      {!jobId && merge && <Summary merge={merge} region={region} link={link} />}
      {!jobId && merges.data && !merge && <p>{mergeId ? 'That merge is not among this region’s merges.' : 'No merge has been run for this region yet.'}</p>}
      <h2>Earlier merges</h2>
      {merges.isPending && <Loading label="Loading the merges…" />}
      {merges.isError && <ErrorMessage error={merges.error} />}
      {merges.data && merges.data.length === 0 && <p>None yet.</p>}
      {merges.data && merges.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Merges of the region, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Month</th>
                <th scope="col">People</th>
                <th scope="col">Lines</th>
                <th scope="col">Alerts</th>
                <th scope="col">Review pairs</th>
                <th scope="col">Missing returns</th>
              </tr>
            </thead>
            <tbody>
              {merges.data.map((m) => (
                <tr key={m.id} aria-current={m.id === (job.data?.result?.id ?? merge?.id) ? 'true' : undefined}>
                  <td>
                    <a href={link('/region/merge', { id: m.id })}>{formatTime(m.createdAt)}</a>
                  </td>
                  <td>{formatMonth(m.month)}</td>
                  <td>{m.stats.entities.people.toLocaleString('en-GB')}</td>
                  <td>{m.stats.entities.lines.toLocaleString('en-GB')}</td>
                  <td>{m.alerts}</td>
                  <td>{m.reviewPairs}</td>
                  <td>{m.missing.missing.join(', ') || 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function JobProgress({ job, error }: { job: Job | undefined; error: unknown }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const done = job?.status === 'succeeded';
  useEffect(() => {
    if (done) heading.current?.focus();
  }, [done]);
  if (error) return <ErrorMessage error={error} title="The merge's progress could not be read." />;
  if (!job) return <Loading label="Starting the merge…" />;
  const reached = new Set(job.stages.map((s) => s.stage));
  const current = job.status === 'running' ? job.stage : null;
  const passed = MERGE_STAGES.filter((s) => reached.has(s.stage)).length;
  const now = MERGE_STAGES.find((s) => s.stage === current);
  return (
    <section className="job" aria-labelledby="job-heading">
      <h2 id="job-heading" ref={heading} tabIndex={-1}>
        {job.status === 'running' ? `Merging ${formatMonth(monthOfJob(job))}…` : job.status === 'succeeded' ? 'Merge finished' : 'The merge failed'}
      </h2>
      <progress max={MERGE_STAGES.length + 1} value={done ? MERGE_STAGES.length + 1 : passed} aria-labelledby="job-heading" />
      <p role="status" aria-live="polite">
        {job.status === 'running' && `${now?.label ?? 'Starting'}… (stage ${Math.max(passed, 1)} of ${MERGE_STAGES.length})`}
        {done && `Finished ${formatTime(job.finishedAt)}.`}
      </p>
      {job.status === 'failed' && <ErrorMessage error={new Error(job.error?.message ?? 'The merge failed.')} />}
      <ol className="stages">
        {MERGE_STAGES.map((s) => {
          const at = job.stages.find((x) => x.stage === s.stage);
          const state = !at ? 'waiting' : s.stage === current ? 'running' : 'done';
          return (
            <li key={s.stage} className={`stage-${state}`}>
              {s.label}
              <span className="muted"> — {state === 'waiting' ? (done ? 'not needed' : 'waiting') : state === 'running' ? 'in progress' : 'done'}</span>
              {at?.detail && <span className="muted"> ({detailWords(at.detail)})</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

const monthOfJob = (job: Job) => job.result?.month ?? new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('month') ?? '';

function detailWords(detail: Record<string, number>) {
  const names: Record<string, string> = { returns: 'return', nominals: 'nominal row', people: 'person', lines: 'line' };
  return Object.entries(detail)
    .map(([k, v]) => (k === 'people' ? plural(v, 'person', 'people') : plural(v, names[k] ?? k)))
    .join(', ');
}

function Summary({ merge, region, link }: { merge: MergeSummary; region: string; link: RegionProps['link'] }) {
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
