import { useId, useMemo, useState } from 'react';
import type { Problem, Severity } from '../api/returns';
import { RowGrid, type WorkbookSource } from './RowGrid';

const PAGE = 200;
const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** Every problem of a report, filterable by severity and sheet; each cell can show its row's neighbours. */
export function ProblemsTable({ problems, workbook }: { problems: Problem[]; workbook: WorkbookSource }) {
  const id = useId();
  const [severity, setSeverity] = useState<'' | Severity>('');
  const [sheet, setSheet] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [selected, setSelected] = useState<Problem | null>(null);

  const sheets = useMemo(() => [...new Set(problems.map((p) => p.sheet ?? ''))].filter(Boolean).sort(), [problems]);
  const counts = useMemo(() => problems.reduce<Record<string, number>>((acc, p) => ((acc[p.severity] = (acc[p.severity] ?? 0) + 1), acc), {}), [problems]);
  const filtered = useMemo(
    () =>
      problems
        .filter((p) => (!severity || p.severity === severity) && (!sheet || p.sheet === sheet))
        .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
    [problems, severity, sheet],
  );

  return (
    <section className="problems" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        Problems: {counts.error ?? 0} error{counts.error === 1 ? '' : 's'}, {counts.warning ?? 0} warning{counts.warning === 1 ? '' : 's'}
        {counts.info ? `, ${counts.info} note${counts.info === 1 ? '' : 's'}` : ''}
      </h3>
      <div className="filters">
        <div className="field inline">
          <label htmlFor={`${id}-severity`}>Severity</label>
          <select id={`${id}-severity`} value={severity} onChange={(e) => (setSeverity(e.target.value as '' | Severity), setShown(PAGE))}>
            <option value="">All</option>
            {SEVERITY_ORDER.filter((s) => counts[s]).map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABEL[s]} ({counts[s]})
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={`${id}-sheet`}>Sheet</label>
          <select id={`${id}-sheet`} value={sheet} onChange={(e) => (setSheet(e.target.value), setShown(PAGE))}>
            <option value="">All</option>
            {sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <p className="muted" aria-live="polite">
          Showing {Math.min(shown, filtered.length)} of {filtered.length}
        </p>
      </div>
      {selected && <RowGrid problem={selected} workbook={workbook} onClose={() => setSelected(null)} />}
      <div className="table-wrap">
        <table className="problems-table">
          <caption className="visually-hidden">Problems found in the return</caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Rule</th>
              <th scope="col">Sheet</th>
              <th scope="col">Cell</th>
              <th scope="col">Value</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {filtered.slice(0, shown).map((p, i) => (
              <tr key={i} className={`sev-${p.severity}`} aria-selected={selected === p ? true : undefined}>
                <td>
                  <span className={`badge badge-${p.severity}`}>{SEVERITY_LABEL[p.severity]}</span>
                </td>
                <td>
                  <code>{p.rule}</code>
                </td>
                <td>{p.sheet ?? '—'}</td>
                <td>
                  {p.cell && p.row ? (
                    <button type="button" className="link cell-ref" onClick={() => setSelected(p)} aria-label={`${p.cell}: show the row around it`}>
                      {p.cell}
                    </button>
                  ) : (
                    (p.cell ?? '—')
                  )}
                </td>
                <td className="value">{p.value ?? ''}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {filtered.length > shown && (
        <button type="button" className="secondary" onClick={() => setShown((n) => n + PAGE * 5)}>
          Show more problems
        </button>
      )}
    </section>
  );
}
