import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleSchema } from '../../auth/principal.js';
import { newUserSchema } from '../../auth/users.service.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../policy.js';
import { authErrors, errorSchema, plainText, uuidSchema } from '../schemas.js';

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  force: z.string().nullable(),
  region: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.date(),
});

const auditRowSchema = z.object({
  id: z.number(),
  at: z.date(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  method: z.string(),
  route: z.string(),
  action: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  status: z.number(),
  detail: z.unknown(),
});

const policy = (action: string) => ({ policy: { roles: ADMIN_ONLY, action } });

/** Users, tokens and the audit log: ADMIN only, and no intelligence (issue #6). */
export function registerAdminRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users, audit } = services;

  r.get('/admin/users', { config: policy('users.list'), schema: { tags: ['admin'], response: { 200: z.array(userSchema), ...authErrors } } }, async () =>
    users.listUsers().then((rows) => rows.map((u) => userSchema.parse({ ...u, role: u.role }))),
  );

  r.post(
    '/admin/users',
    { config: policy('users.add'), schema: { tags: ['admin'], body: newUserSchema, response: { 201: userSchema, 409: errorSchema, ...authErrors } } },
    async (req, reply) => {
      const user = await users.addUser(req.body);
      req.auditTarget = { kind: 'user', id: user.id };
      return reply.code(201).send(userSchema.parse(user));
    },
  );

  r.post(
    '/admin/users/:id/disable',
    { config: policy('users.disable'), schema: { tags: ['admin'], params: z.object({ id: plainText(80) }), response: { 200: userSchema, ...authErrors } } },
    async (req) => {
      const user = await users.setDisabled(req.params.id, true);
      req.auditTarget = { kind: 'user', id: user.id };
      return userSchema.parse(user);
    },
  );

  r.post(
    '/admin/users/:id/tokens',
    {
      config: policy('tokens.issue'),
      schema: {
        tags: ['admin'],
        summary: 'Issue a token; it is shown once, only its hash is kept',
        params: z.object({ id: plainText(80) }),
        body: z.object({ days: z.number().int().min(1).max(366).optional(), label: z.string().max(80).optional() }).nullish(),
        response: { 201: z.object({ id: z.string(), token: z.string(), expiresAt: z.date(), user: z.string() }), 409: errorSchema, ...authErrors },
      },
    },
    async (req, reply) => {
      const issued = await users.issueToken(req.params.id, req.body ?? {});
      req.auditTarget = { kind: 'token', id: issued.id };
      return reply.code(201).send(issued);
    },
  );

  r.get(
    '/admin/users/:id/tokens',
    {
      config: policy('tokens.list'),
      schema: {
        tags: ['admin'],
        summary: "A user's tokens, oldest first (never the token itself: it was shown once)",
        params: z.object({ id: plainText(80) }),
        response: {
          200: z.array(z.object({ id: z.string(), label: z.string().nullable(), createdAt: z.date(), expiresAt: z.date(), revokedAt: z.date().nullable() })),
          ...authErrors,
        },
      },
    },
    async (req) => {
      const tokens = await users.listTokens(req.params.id);
      req.auditTarget = { kind: 'user', id: req.params.id };
      return tokens;
    },
  );

  r.post(
    '/admin/tokens/:id/revoke',
    { config: policy('tokens.revoke'), schema: { tags: ['admin'], params: z.object({ id: uuidSchema }), response: { 204: z.null(), ...authErrors } } },
    async (req, reply) => {
      await users.revokeToken(req.params.id);
      req.auditTarget = { kind: 'token', id: req.params.id };
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/audit',
    {
      config: policy('audit.read'),
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first',
        querystring: z.object({
          user: uuidSchema.optional(),
          action: plainText(80).optional(),
          target: plainText(120).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.array(auditRowSchema), ...authErrors },
      },
    },
    async (req) => {
      const q = req.query;
      await audit.drain().catch(() => {});
      return audit.list({ userId: q.user, action: q.action, targetId: q.target, from: q.from, to: q.to, beforeId: q.before, limit: q.limit });
    },
  );
}
