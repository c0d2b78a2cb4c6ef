import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatMonth, formatTime, monthOf } from '../format';
import { ErrorMessage, Loading } from '../screens/common';
import { MonthPicker } from '../screens/MonthPicker';
import { useJob, useMerge, useMerges, useRunMerge, type Job } from './api';
import { Summary } from './MergeSummary';
import type { RegionProps } from './RegionScreens';
import { MERGE_STAGES, plural, regionName } from './words';

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
      {jobId && <JobProgress job={job.data} error={job.error} month={params.get('month') ?? job.data?.result?.month ?? month} />}
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

function JobProgress({ job, error, month }: { job: Job | undefined; error: unknown; month: string }) {
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
        {job.status === 'running' ? `Merging ${formatMonth(month)}…` : job.status === 'succeeded' ? 'Merge finished' : 'The merge failed'}
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

function detailWords(detail: Record<string, number>) {
  const names: Record<string, [string, string]> = {
    returns: ['return', 'returns'],
    nominals: ['nominal row', 'nominal rows'],
    people: ['person', 'people'],
    lines: ['line', 'lines'],
    // The two months before are resolved with the month so that its people keep their ids (src/regional/month-merge.ts).
    lookbackReturns: ['return of the two months before', 'returns of the two months before'],
  };
  return Object.entries(detail)
    .map(([k, v]) => plural(v, ...(names[k] ?? [k, k])))
    .join(', ');
}
