import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { reportUrl, uploadReturn, type UploadOutcome } from '../api/returns';
import { formatBytes, formatMonth } from '../format';
import { href } from '../router';
import { DownloadButton, ErrorMessage } from './common';
import { ProblemsTable } from './ProblemsTable';
import { fileSource } from './RowGrid';

type State =
  | { step: 'idle' }
  | { step: 'sending'; file: File; sent: number; total: number }
  | { step: 'done'; file: File; outcome: UploadOutcome }
  | { step: 'failed'; file: File; error: unknown };

export function UploadScreen() {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const qc = useQueryClient();
  const id = useId();
  const busy = state.step === 'sending';

  async function send(file: File) {
    setState({ step: 'sending', file, sent: 0, total: file.size });
    try {
      const outcome = await uploadReturn(file, (sent, total) => setState((s) => (s.step === 'sending' && s.file === file ? { ...s, sent, total } : s)));
      setState({ step: 'done', file, outcome });
      void qc.invalidateQueries({ queryKey: ['compliance'] });
      void qc.invalidateQueries({ queryKey: ['returns'] });
    } catch (error) {
      setState({ step: 'failed', file, error });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  // A workbook dropped anywhere on the page is uploaded, as if chosen in the field.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file && !busy) void send(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  });

  return (
    <div className={dragging ? 'dropzone dragging' : 'dropzone'}>
      <h1>Upload a return</h1>
      <p>Choose the filled-in workbook, or drop it anywhere on this page. It is checked at once: every problem is listed with its cell.</p>
      <form onSubmit={(e) => e.preventDefault()} className="upload-form">
        <label htmlFor={`${id}-file`}>Return file</label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void send(file);
          }}
        />
        <p className="hint">Excel workbook (.xlsx) made from the template.</p>
      </form>
      {dragging && (
        <p className="drop-hint" aria-hidden="true">
          Drop the workbook to upload it
        </p>
      )}
      <div aria-live="polite">
        {state.step === 'sending' && <Progress file={state.file} sent={state.sent} total={state.total} />}
        {state.step === 'failed' && <ErrorMessage error={state.error} title={`${state.file.name} was not taken in:`} />}
        {state.step === 'done' && <Outcome file={state.file} outcome={state.outcome} />}
      </div>
    </div>
  );
}

function Progress({ file, sent, total }: { file: File; sent: number; total: number }) {
  const done = total > 0 && sent >= total;
  return (
    <div className="progress">
      <label>
        {done ? `Checking ${file.name}…` : `Uploading ${file.name} (${formatBytes(sent)} of ${formatBytes(total)})`}
        <progress max={total || 1} value={done ? undefined : sent} aria-label="Upload progress" />
      </label>
    </div>
  );
}

function Outcome({ file, outcome }: { file: File; outcome: UploadOutcome }) {
  if (outcome.kind === 'accepted') {
    const r = outcome.report;
    const warnings = r.problems.filter((p) => p.severity === 'warning').length;
    return (
      <section className="outcome accepted" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">
          Accepted as version {r.version} for {formatMonth(r.month)}
        </h2>
        <p>
          {r.nilReturn ? 'A nil return. ' : ''}
          Version {r.version} is now the current return for {r.force}, {formatMonth(r.month)}. {warnings ? `${warnings} warning${warnings === 1 ? '' : 's'} to look at.` : 'No warnings.'}
        </p>
        <p className="actions">
          <DownloadButton url={reportUrl(r.id)} filename={`report-${r.force}-${r.month}.xlsx`}>
            Download annotated workbook
          </DownloadButton>
          <a href={href(`/returns/${r.id}`)}>Open the report</a>
          <a href={href('/history', { month: r.month ?? undefined })}>History for {formatMonth(r.month)}</a>
        </p>
        {r.problems.length > 0 && <ProblemsTable problems={r.problems} workbook={fileSource(file)} />}
      </section>
    );
  }
  const { rejection } = outcome;
  return (
    <section className="outcome rejected" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">Rejected</h2>
      <p role="alert">{rejection.error.message}</p>
      {/* A file refused before validation (not a workbook, a zip bomb) is not kept, so it has no annotated copy. */}
      {'return' in rejection && (
        <p className="actions">
          <DownloadButton url={reportUrl(rejection.return.id)} filename={`report-${rejection.return.force}.xlsx`}>
            Download annotated workbook
          </DownloadButton>
          <a href={href(`/returns/${rejection.return.id}`)}>Open the report</a>
        </p>
      )}
      <ProblemsTable problems={rejection.problems} workbook={fileSource(file)} />
    </section>
  );
}
