import { useId } from 'react';
import { formatMonth, recentMonths } from '../format';

/** Months from the current one back two years; a month from the address that is older stays selectable. */
export function MonthPicker({ month, onChange, label = 'Month' }: { month: string; onChange: (month: string) => void; label?: string }) {
  const id = useId();
  const months = recentMonths(new Date(), 25);
  if (!months.includes(month)) months.push(month);
  return (
    <div className="field inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={month} onChange={(e) => onChange(e.target.value)}>
        {months.map((m) => (
          <option key={m} value={m}>
            {formatMonth(m)}
          </option>
        ))}
      </select>
    </div>
  );
}
