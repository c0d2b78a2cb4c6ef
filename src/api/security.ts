import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { AuditEntry } from '../audit/audit.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import { csrfMatches, type SessionsService } from '../auth/sessions.service.js';
import type { UsersService } from '../auth/users.service.js';
import type { AuditTarget, DeclaredRoute, Policy } from './policy.js';

export const SESSION_COOKIE = 'clim_session';
export const CSRF_HEADER = 'x-csrf-token';

const bearer = (req: FastifyRequest) => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
/** A bearer token wins over a cookie: a script sending its token means that token. */
const sessionCookie = (req: FastifyRequest) => (bearer(req) ? undefined : req.cookies[SESSION_COOKIE] || undefined);
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** Per-credential rate limiting: the key is the token's (or session cookie's) hash, or the address when there is none. */
export function rateLimitKey(req: FastifyRequest): string {
  const token = bearer(req);
  if (token) return `t:${sha(token)}`;
  const cookie = sessionCookie(req);
  return cookie ? `s:${sha(cookie)}` : `ip:${req.ip}`;
}

/** Invalid tokens are counted per address too: the per-token rate limit alone gives each guessed token a fresh allowance. */
const MAX_FAILED_SIGN_INS_PER_MINUTE = 30;

/**
 * Failed credentials per address in the last minute. Only failures count
 * and only failures are refused for them (issue #12.3): a valid token or
 * session from a busy address (a force's proxy, say) is never locked out by
 * someone else's guessing there. A sliding minute, not the clock's: a fixed
 * one let 60 guesses through across its turn (and made the test of it flaky).
 */
export function createSignInFailures(now: () => number = Date.now) {
  /** Per address, the times of its failures in the last minute, oldest first (at most the limit). */
  const failures = new Map<string, number[]>();
  let swept = now();
  const recent = (times: number[], t: number) => {
    while (times.length && times[0] <= t - 60_000) times.shift();
    return times;
  };
  return {
    /** The error for a credential that did not authenticate, counting it against the address. */
    refuse(ip: string, refusal: AppError): AppError {
      const t = now();
      if (t - swept > 60_000) {
        for (const [key, times] of failures) if (!recent(times, t).length) failures.delete(key);
        swept = t;
      }
      const times = recent(failures.get(ip) ?? [], t);
      if (times.length >= MAX_FAILED_SIGN_INS_PER_MINUTE) {
        return new AppError('auth.too_many_failures', 429, 'Too many requests with tokens that are not valid from this address; wait a minute.');
      }
      times.push(t);
      failures.set(ip, times);
      return refusal;
    },
  };
}
export type SignInFailures = ReturnType<typeof createSignInFailures>;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sets the session cookie; `Secure` when the request came over TLS (directly, or through a trusted proxy). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, value: string, expiresAt: Date, now: Date): void {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: req.protocol === 'https',
    expires: expiresAt,
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });
}

/**
 * Authentication, authorisation by role, and the audit record, for every route
 * from one place. Data scope (which force, region or person) is checked by the
 * services with the principal this hook sets.
 */
export function registerSecurity(
  app: FastifyInstance,
  {
    users,
    sessions,
    audit,
    routes,
    failures,
  }: { users: UsersService; sessions: SessionsService; audit: AuditService; routes: DeclaredRoute[]; failures: SignInFailures },
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('auditTarget', null);
  app.decorateRequest('consoleSession', null);
  app.decorateRequest('tokenExpiresAt', null);
  app.decorateRequest('authRefusal', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) return; // swagger-ui's own static routes: public documentation
    // @fastify/cors answers preflights on `OPTIONS *` when CORS_ORIGINS is set: headers only, no data.
    if (route.method === 'OPTIONS' && route.url === '*' && !route.config?.policy) route.config = { ...route.config, policy: { public: true } };
    const policy = route.config?.policy as Policy | undefined;
    if (!policy) throw new Error(`Route ${route.method} ${route.url} declares no access policy (config.policy)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, policy });
    }
  });

  const refuse = (req: FastifyRequest, err: AppError) => {
    req.authRefusal = err.code;
    return err;
  };

  app.addHook('onRequest', async (req, reply) => {
    const policy = req.routeOptions.config?.policy;
    if (!policy || !('roles' in policy)) return;
    const token = bearer(req);
    const cookie = sessionCookie(req);
    if (token) {
      const found = await users.authenticateToken(token);
      if (!found) throw refuse(req, failures.refuse(req.ip, new AppError('auth.invalid_token', 401, 'That token is not valid: it may have expired or been revoked.')));
      req.principal = found.principal;
      req.tokenExpiresAt = found.expiresAt;
    } else if (cookie) {
      const session = await sessions.authenticate(cookie);
      if (!session) {
        clearSessionCookie(req, reply);
        throw refuse(req, failures.refuse(req.ip, new AppError('auth.invalid_session', 401, 'Your session has ended (signed out, timed out, or its token was revoked): sign in again.')));
      }
      req.principal = session.principal;
      req.consoleSession = session;
      // The cookie goes with every request to this origin, so a change must also prove it came from the console's own page.
      if (UNSAFE_METHODS.has(req.method) && !csrfMatches(cookie, headerValue(req.headers[CSRF_HEADER]))) {
        throw refuse(req, new AppError('auth.csrf', 403, `A change made with a console session must carry the session's CSRF token in the "${CSRF_HEADER}" header (from POST or GET /api/v1/session).`));
      }
    } else {
      throw refuse(req, new AppError('auth.missing_token', 401, 'Sign in: send your token as "Authorization: Bearer <token>", or sign in to the console.'));
    }
    if (!policy.roles.includes(req.principal.role)) {
      throw refuse(req, new AppError('auth.forbidden_role', 403, `Your role (${req.principal.role}) may not use this route.`));
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const policy = req.routeOptions.config?.policy;
    if (!policy || 'public' in policy) return;
    await audit.record(requestAuditEntry(req, { action: policy.action, status: reply.statusCode }));
  });
}

const headerValue = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

/**
 * The audit entry of a request: who, from where, on which route, and what it
 * touched (the request's own target unless another is given, as when a merge
 * job stores its merge after the request that started it was answered).
 */
export function requestAuditEntry(req: FastifyRequest, { action, status, target = req.auditTarget }: { action: string; status: number; target?: AuditTarget | null }): AuditEntry {
  const p = req.principal;
  return {
    userId: p?.userId ?? null,
    userName: p?.name ?? null,
    role: p?.role ?? null,
    ip: req.ip,
    requestId: req.id,
    method: req.method,
    route: req.routeOptions.url ?? req.url,
    action,
    targetKind: target?.kind ?? null,
    targetId: target?.id ?? null,
    status,
    detail: {
      url: req.url.slice(0, 500),
      ...(p?.sessionId ? { session: p.sessionId } : {}),
      ...(req.authRefusal ? { refused: req.authRefusal } : {}),
      ...(target?.detail ?? {}),
    },
  };
}
