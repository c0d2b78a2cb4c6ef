import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleSchema, type Principal } from '../../auth/principal.js';
import { AppError } from '../../errors.js';
import type { Services } from '../../services.js';
import { ANY_ROLE } from '../policy.js';
import { authErrors, errorSchema } from '../schemas.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie, type SignInFailures } from '../security.js';

const sessionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), role: roleSchema, force: z.string().nullable(), region: z.string().nullable() }),
  /** Send back as `x-csrf-token` on every change made with the session cookie; null for a bearer token, which needs none. */
  csrfToken: z.string().nullable(),
  expiresAt: z.date(),
});

const body = (p: Principal, csrfToken: string | null, expiresAt: Date) => ({
  user: { id: p.userId, name: p.name, role: p.role, force: p.force, region: p.region },
  csrfToken,
  expiresAt,
});

/** Console sign-in and sign-out (issue #9): a token is exchanged for an HttpOnly session cookie. */
export function registerSessionRoutes(app: FastifyInstance, { sessions, now }: Services, { failures }: { failures: SignInFailures }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/session',
    {
      config: { policy: { signIn: true, action: 'session.sign_in' } },
      schema: {
        tags: ['session'],
        summary: 'Sign in to the console with a token: sets the session cookie',
        security: [],
        body: z.object({ token: z.string().trim().min(1).max(200) }),
        response: { 200: sessionSchema, 400: errorSchema, 401: errorSchema, 429: errorSchema, 503: errorSchema },
      },
    },
    async (req, reply) => {
      const session = await sessions.signIn(req.body.token, req.cookies[SESSION_COOKIE]);
      if (!session) {
        const err = failures.refuse(req.ip, new AppError('auth.invalid_token', 401, 'That token is not valid: it may have expired or been revoked.'));
        req.authRefusal = err.code;
        throw err;
      }
      req.principal = session.principal;
      req.auditTarget = { kind: 'session', id: session.id };
      setSessionCookie(req, reply, session.cookieValue, session.expiresAt, now());
      return body(session.principal, session.csrfToken, session.expiresAt);
    },
  );

  r.get(
    '/session',
    {
      config: { policy: { roles: ANY_ROLE, action: 'session.read' } },
      schema: { tags: ['session'], summary: 'Who is signed in, and the CSRF token for the session', response: { 200: sessionSchema, ...authErrors } },
    },
    async (req) => {
      const expiresAt = req.consoleSession?.expiresAt ?? req.tokenExpiresAt;
      return body(req.principal!, req.consoleSession?.csrfToken ?? null, expiresAt!);
    },
  );

  r.delete(
    '/session',
    {
      config: { policy: { roles: ANY_ROLE, action: 'session.sign_out' } },
      schema: { tags: ['session'], summary: 'Sign out: ends the session and clears its cookie', response: { 204: z.null(), ...authErrors } },
    },
    async (req, reply) => {
      if (req.consoleSession) {
        await sessions.signOut(req.consoleSession.id);
        req.auditTarget = { kind: 'session', id: req.consoleSession.id };
      }
      clearSessionCookie(req, reply);
      return reply.code(204).send(null);
    },
  );
}
