/**
 * Every database a test run makes is named `clim_t<pid>_…` after the run's
 * process, so runs side by side on one server leave each other alone and a
 * crashed run's leftovers can be told apart (its process is gone).
 */
export const runPrefix = (pid: number) => `clim_t${pid}`;
export const templateName = (pid: number) => `${runPrefix(pid)}_tpl`;
export const TEST_DB_PATTERN = /^clim_t(\d+)_/;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance database on the same server, for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  return withDatabase(url, 'postgres');
}
