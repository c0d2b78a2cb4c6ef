import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UsersService } from '../auth/users.service.js';
import type { DeclaredRoute, Policy } from './policy.js';

const bearer = (req: FastifyRequest) => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

/** Per-token rate limiting: the key is the token's hash, or the address when there is none. */
export function rateLimitKey(req: FastifyRequest): string {
  const token = bearer(req);
  return token ? `t:${createHash('sha256').update(token).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
}

/** Invalid tokens are counted per address too: the per-token rate limit alone gives each guessed token a fresh allowance. */
const MAX_FAILED_SIGN_INS_PER_MINUTE = 30;

function failedSignIns() {
  let window = 0;
  let counts = new Map<string, number>();
  const roll = () => {
    const now = Math.floor(Date.now() / 60_000);
    if (now !== window) (window = now), (counts = new Map());
  };
  return {
    blocked(ip: string) {
      roll();
      return (counts.get(ip) ?? 0) >= MAX_FAILED_SIGN_INS_PER_MINUTE;
    },
    add(ip: string) {
      roll();
      counts.set(ip, (counts.get(ip) ?? 0) + 1);
    },
  };
}

/**
 * Authentication, authorisation by role, and the audit record, for every route
 * from one place. Data scope (which force, region or person) is checked by the
 * services with the principal this hook sets.
 */
export function registerSecurity(
  app: FastifyInstance,
  { users, audit, routes }: { users: UsersService; audit: AuditService; routes: DeclaredRoute[] },
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('auditTarget', null);

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

  const failures = failedSignIns();
  app.addHook('onRequest', async (req) => {
    const policy = req.routeOptions.config?.policy;
    if (!policy || 'public' in policy) return;
    const token = bearer(req);
    if (!token) throw new AppError('auth.missing_token', 401, 'Sign in: send your token as "Authorization: Bearer <token>".');
    if (failures.blocked(req.ip)) throw new AppError('auth.too_many_failures', 429, 'Too many requests with tokens that are not valid from this address; wait a minute.');
    const principal = await users.authenticate(token);
    if (!principal) {
      failures.add(req.ip);
      throw new AppError('auth.invalid_token', 401, 'That token is not valid: it may have expired or been revoked.');
    }
    req.principal = principal;
    if (!policy.roles.includes(principal.role)) {
      throw new AppError('auth.forbidden_role', 403, `Your role (${principal.role}) may not use this route.`);
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const policy = req.routeOptions.config?.policy;
    if (!policy || 'public' in policy) return;
    const p = req.principal;
    await audit.record({
      userId: p?.userId ?? null,
      userName: p?.name ?? null,
      role: p?.role ?? null,
      ip: req.ip,
      requestId: req.id,
      method: req.method,
      route: req.routeOptions.url ?? req.url,
      action: policy.action,
      targetKind: req.auditTarget?.kind ?? null,
      targetId: req.auditTarget?.id ?? null,
      status: reply.statusCode,
      detail: { url: req.url.slice(0, 500), ...(req.auditTarget?.detail ?? {}) },
    });
  });
}
