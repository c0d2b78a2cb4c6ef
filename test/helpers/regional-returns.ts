import type { LightMyRequestResponse } from 'fastify';
import { setMeta, validReturn, type CellInput, type Fixture } from '../matrix/fixtures.js';

// Small returns for the regional API tests, built row by row so a test reads
// exactly which people and lines each force reports. Rows start from the
// valid fixture's line (JAY) and a plain runner; a test states the rest.

export type Row = Record<string, CellInput>;
export const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function lineRow(over: Row): Row {
  return { ...validReturn().lines.rows[0], Notes: null, 'OCG URN': null, ...over };
}

export function nominalRow(over: Row): Row {
  return { Role: 'RUNNER', Gender: 'M', Exploited: 'NO', 'Police Contacts': 1, ...over };
}

/** A return of `force` for `month` with exactly these rows (a nil return when there are no lines). */
export function forceReturn(force: string, month: string, lines: Row[], nominals: Row[]): Fixture {
  const fx = validReturn();
  setMeta(fx, 'Force', force);
  setMeta(fx, 'Reporting Month', month);
  setMeta(fx, 'Nil Return', lines.length ? 'NO' : 'YES');
  fx.lines.rows = lines;
  fx.nominals.rows = nominals;
  fx.addresses = null;
  fx.associations = null;
  fx.order = ['return', 'lines', 'nominals'];
  return fx;
}

/** The response's JSON after checking its status, with the body in the message when it is not the one expected. */
export function ok<T = any>(res: LightMyRequestResponse, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body.slice(0, 2000)}`);
  return res.json() as T;
}
