/** An API failure as a person should read it: the service's own message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What to say when the service's answer carries no `{error:{message}}` (a proxy page, a dropped connection). */
const FALLBACK: Record<number, string> = {
  0: 'The service cannot be reached. Check your connection and try again.',
  401: 'Your session has ended. Sign in again.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  413: 'The file is too large to upload.',
  429: 'Too many requests. Wait a minute and try again.',
  502: 'The service is not answering. Try again shortly.',
  503: 'The service is unavailable (its database may be down). Try again shortly.',
  504: 'The service took too long to answer. Try again shortly.',
};

export function fallbackMessage(status: number): string {
  return FALLBACK[status] ?? `The service answered with an unexpected error (HTTP ${status}).`;
}

/** Builds an ApiError from a parsed body that may or may not be the service's error shape. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (err && typeof err.message === 'string' && err.message) {
    return new ApiError(status, typeof err.code === 'string' ? err.code : 'error', err.message);
  }
  return new ApiError(status, 'http.' + status, fallbackMessage(status));
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return fallbackMessage(0);
  return err instanceof Error ? err.message : String(err);
}
