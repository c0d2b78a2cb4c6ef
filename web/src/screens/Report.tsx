import { useMemo } from 'react';
import { originalUrl, reportUrl, useReturn } from '../api/returns';
import { toApiError } from '../api/errors';
import { count, formatMonth, formatTime } from '../format';
import { href } from '../router';
import { DownloadButton, ErrorMessage, Loading } from './common';
import { statusText } from './History';
import { ProblemsTable } from './ProblemsTable';
import type { WorkbookSource } from './RowGrid';

/** One upload's report: its status, its problems by cell, and both workbooks. */
export function ReportScreen({ id }: { id: string }) {
  const report = useReturn(id);
  const source = useMemo<WorkbookSource>(
    () => ({
      key: `return:${id}`,
      load: async () => {
        const res = await fetch(originalUrl(id), { credentials: 'same-origin' });
        if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null));
        return res.blob();
      },
    }),
    [id],
  );
  if (report.isPending) return <Loading label="Loading the report…" />;
  if (report.isError) return <ErrorMessage error={report.error} />;
  const r = report.data;
  return (
    <>
      <h1>
        {r.force}, {formatMonth(r.month)}: {statusText(r)}
      </h1>
      <dl className="facts">
        <dt>Uploaded</dt>
        <dd>{formatTime(r.uploadedAt)}</dd>
        <dt>File</dt>
        <dd>{r.filename}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code className="hash">{r.sha256}</code>
        </dd>
        <dt>Rows</dt>
        <dd>
          {count(r.counts.lines ?? 0, 'line')}, {count(r.counts.nominals ?? 0, 'nominal')}, {count(r.counts.addresses ?? 0, 'address', 'addresses')},{' '}
          {count(r.counts.associations ?? 0, 'association')}
        </dd>
      </dl>
      <p className="actions">
        <DownloadButton url={reportUrl(r.id)} filename={`report-${r.force}-${r.month}.xlsx`}>
          Download annotated workbook
        </DownloadButton>
        <DownloadButton url={originalUrl(r.id)} filename={r.filename}>
          Download original
        </DownloadButton>
        <a href={href('/history', { month: r.month ?? undefined })}>History for {formatMonth(r.month)}</a>
      </p>
      {r.problems.length ? <ProblemsTable problems={r.problems} workbook={source} /> : <p>No problems were found.</p>}
    </>
  );
}
