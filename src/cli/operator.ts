import { userInfo } from 'node:os';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { FIRST_MONTH, monthSchema } from '../api/schemas.js';
import type { Services } from '../services.js';

/**
 * Whoever can run the CLI against the database is an operator with national
 * reach; what they do is written to the audit log under their login name.
 */
export function operator(): Principal {
  const name = `cli:${userInfo().username}`;
  return { userId: '00000000-0000-0000-0000-000000000000', name, role: 'NCLCC_ANALYST', force: null, region: null, credentialId: name };
}

export async function audited(services: Services, action: string, target: { kind: string; id: string }, detail: Record<string, unknown> = {}) {
  const p = operator();
  await services.audit.record({ userName: p.name, role: 'CLI', method: 'CLI', route: `clim ${action}`, action, targetKind: target.kind, targetId: target.id, status: 0, detail });
}

/** The same checks the API makes on its query strings, with the option named. */
export function month(value: string, option = '--month'): string {
  if (!monthSchema.safeParse(value).success) throw new AppError('cli.bad_month', 400, `${option} must be a month as YYYY-MM from ${FIRST_MONTH} to the current month (got "${value}").`);
  return value;
}

export function positiveInt(value: string, option: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError('cli.bad_number', 400, `${option} must be a whole number from 1 to ${max} (got "${value}").`);
  return n;
}

export function date(value: string, option: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new AppError('cli.bad_date', 400, `${option} must be a date or time such as 2026-11-01 or 2026-11-01T09:00:00Z (got "${value}").`);
  return d;
}
