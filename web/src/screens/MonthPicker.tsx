import { useId } from 'react';
import { formatMonth, recentMonths } from '../format';

/** The first month the guidance accepts a return for (MATRIX-V2, V2-RETURN-MONTH). */
const FIRST_MONTH = '2018-04';

/** Months from the current one back to the first a return may be for; one from the address outside that stays selectable. */
export function MonthPicker({ month, onChange, label = 'Month' }: { month: string; onChange: (month: string) => void; label?: string }) {
  const id = useId();
  const months = recentMonths(new Date(), 12 * 20).filter((m) => m >= FIRST_MONTH);
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
