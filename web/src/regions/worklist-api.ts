import { toApiError } from '../api/errors';

// GET /api/v1/worklists/direction. Typed by hand from the route as the lead is
// adding it to main; replace with api.GET once web/src/api/schema.d.ts has it.

export interface DirectionWorklistPage {
  window: { scope: string; forces: string[]; months: string[] };
  total: number;
  nextCursor: string | null;
  people: {
    personId: string;
    names: string[];
    forces: string[];
    roles: string[];
    lines: { lineId: string; names: string[] }[];
    pncIds: string[];
    dob: string | null;
    age: number | null;
    flags: { child: boolean; exploited: boolean; vulnerable: boolean };
    sources: { force: string; month: string; ref: string }[];
  }[];
}

export async function directionWorklist(query: { scope: string; month: string; months: number; cursor?: string; limit: number }): Promise<DirectionWorklistPage> {
  const q = new URLSearchParams({ scope: query.scope, month: query.month, months: String(query.months), limit: String(query.limit) });
  if (query.cursor) q.set('cursor', query.cursor);
  const res = await fetch(`/api/v1/worklists/direction?${q}`, { credentials: 'same-origin' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, body);
  return body as DirectionWorklistPage;
}
