/** A window of the network: a scope, the forces it covers and its months, ascending. */
export interface Window {
  scope: string;
  forces: string[];
  months: string[];
}

/** `months` months ending with `month`, ascending. */
export function monthWindow(month: string, months: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (months - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}
