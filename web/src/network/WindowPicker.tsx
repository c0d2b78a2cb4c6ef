import { useId } from 'react';
import type { Session } from '../api/session';
import { navigate } from '../router';
import { MonthPicker } from '../screens/MonthPicker';
import type { WindowQuery } from './api';
import { scopesFor, windowParams } from './scope';

/** Scope, last month and length of the window; a change is written to the address so a reload or a link keeps it. */
export function WindowPicker({ session, path, q, extra }: { session: Session; path: string; q: WindowQuery; extra?: Record<string, string> }) {
  const id = useId();
  const options = scopesFor(session);
  const groups = [...new Set(options.map((o) => o.group))];
  const go = (change: Partial<WindowQuery>) => navigate(path, { ...windowParams({ ...q, ...change }), ...extra });
  return (
    <div className="filters window-picker">
      <div className="field inline">
        <label htmlFor={`${id}-scope`}>Scope</label>
        <select id={`${id}-scope`} value={q.scope} onChange={(e) => go({ scope: e.target.value })} disabled={options.length < 2}>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {options
                .filter((o) => o.group === g)
                .map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <MonthPicker label="Up to" month={q.month} onChange={(month) => go({ month })} />
      <div className="field inline">
        <label htmlFor={`${id}-months`}>Months</label>
        <select id={`${id}-months`} value={q.months} onChange={(e) => go({ months: Number(e.target.value) })}>
          {[...new Set([1, 2, 3, 6, 12, 24, q.months])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>
              {n === 1 ? '1 month' : `${n} months`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
