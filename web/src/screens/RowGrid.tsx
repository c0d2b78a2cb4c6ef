import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Problem } from '../api/returns';
import { ErrorMessage, Loading } from './common';

const SPAN = 3;

/** Where the workbook behind a report comes from: the file just chosen, or the stored original. */
export interface WorkbookSource {
  key: string;
  load: () => Promise<Blob>;
}

export const fileSource = (file: File): WorkbookSource => ({ key: `file:${file.name}:${file.size}:${file.lastModified}`, load: () => Promise.resolve(file) });

/** The offending cell among its neighbours: the header row, the row before and after, three columns each side. */
export function RowGrid({ problem, workbook, onClose }: { problem: Problem; workbook: WorkbookSource; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const sheet = problem.sheet ?? '';
  const row = problem.row ?? 0;
  const ref = (problem.cell ?? '').split('!').pop() ?? '';
  const grid = useQuery({
    queryKey: ['row-grid', workbook.key, problem.cell],
    queryFn: async () => {
      const { readRows, columnIndex, columnLetters } = await import('../xlsx/read-rows');
      const col = columnIndex(ref);
      const rows = [...new Set([1, row - 1, row, row + 1].filter((r) => r >= 1))].sort((a, b) => a - b);
      const cells = await readRows(await workbook.load(), sheet, rows);
      const cols = Array.from({ length: SPAN * 2 + 1 }, (_, i) => col - SPAN + i).filter((c) => c >= 0);
      return { col, rows, cells, cols, letters: cols.map(columnLetters) };
    },
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => heading.current?.focus(), [problem]);

  return (
    <section className="row-grid" aria-labelledby="row-grid-heading">
      <div className="title-row">
        <h4 id="row-grid-heading" ref={heading} tabIndex={-1}>
          {problem.cell}: row {row} of {sheet}
        </h4>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">{problem.message}</p>
      {grid.isPending && <Loading label="Reading the workbook…" />}
      {grid.isError && <ErrorMessage error={grid.error} title="The neighbouring cells cannot be shown:" />}
      {grid.data && (
        <div className="table-wrap">
          <table className="grid">
            <caption className="visually-hidden">
              Cells around {problem.cell}; the cell with the problem is marked
            </caption>
            <thead>
              <tr>
                <td />
                {grid.data.letters.map((l) => (
                  <th scope="col" key={l}>
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.data.rows.map((r) => (
                <tr key={r} className={r === 1 ? 'header-row' : undefined}>
                  <th scope="row">{r}</th>
                  {grid.data.cols.map((c) => {
                    const text = grid.data.cells.get(r)?.get(c) ?? '';
                    const hit = r === row && c === grid.data.col;
                    return (
                      <td key={c} className={hit ? 'hit' : undefined} aria-current={hit ? 'true' : undefined}>
                        {hit ? <mark>{text || '(empty)'}</mark> : text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
