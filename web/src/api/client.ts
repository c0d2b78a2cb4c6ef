import createClient, { type Middleware } from 'openapi-fetch';
import { toApiError } from './errors';
import { windowJobs } from './pending';
import type { paths } from './schema';

/**
 * The CSRF token of the current session. Kept in memory only (never in storage):
 * after a reload it is fetched again from GET /api/v1/session.
 */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const getCsrfToken = () => csrfToken;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

/** Typed from the service's own OpenAPI (web/src/api/schema.d.ts, `npm run gen:api-types`). */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf, windowJobs);

/**
 * The data of a successful call, or an ApiError carrying the service's message.
 * A window's 202 (its analysis job) never reaches a caller: windowJobs waits for
 * the job and asks again.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Exclude<T, { kind: 'analysis' }>> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
  return data as Exclude<T, { kind: 'analysis' }>;
}
