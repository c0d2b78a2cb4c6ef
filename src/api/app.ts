import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { tmpdir } from 'node:os';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createServices, type Services } from '../services.js';
import { registerErrorHandler } from './error-handler.js';
import type { DeclaredRoute } from './policy.js';
import { registerConsole } from './console.js';
import { createSignInFailures, rateLimitKey, registerSecurity } from './security.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerNetworkRoutes } from './routes/network.js';
import { registerRegionRoutes } from './routes/regions.js';
import { registerReturnsRoutes } from './routes/returns.js';
import { registerSessionRoutes } from './routes/session.js';

export interface AppDeps {
  config: Config;
  database: Database;
  now?: () => Date;
  /** false in tests; a pino options object or true in the server. */
  logger?: boolean | object;
}

export interface App extends FastifyInstance {
  services: Services;
  routeTable: DeclaredRoute[];
}

const zodOnly = (): never => {
  throw new Error('every schema is zod: a JSON schema needs its compiler set on the app');
};

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // The id the audit log keeps for a request is always the service's own: one a client could send
    // (x-request-id) would let it give its request another's id, or a 7,000-character one.
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    // An upload in flight at shutdown is allowed to finish (issue #6, faults).
    forceCloseConnections: 'idle',
    trustProxy: config.TRUST_PROXY,
    // Addresses the router refuses before any route (a malformed escape, an id far longer than any the
    // service gives) answer in the service's own error shape, not fastify's.
    frameworkErrors: (err, _request, reply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply).code(tooLong ? 414 : 400).send({
        error: tooLong
          ? { code: 'request.id_too_long', message: 'A part of the address is longer than any id the service gives.' }
          : { code: 'request.bad_url', message: 'The address is not valid (a malformed %-escape?).' },
      });
    },
    // Every schema is zod (compilers set below): naming builders here keeps fastify
    // from loading its own, ajv and fast-json-stringify, at start (issue #12 §7).
    schemaController: { compilersFactory: { buildValidator: zodOnly, buildSerializer: zodOnly } },
  }) as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const services = createServices({ config, database, now: deps.now, log: app.log });
  const routeTable: DeclaredRoute[] = [];
  app.decorate('services', services);
  app.decorate('routeTable', routeTable);

  registerErrorHandler(app, { uploadMaxBytes: config.UPLOAD_MAX_BYTES, bodyLimitBytes: config.BODY_LIMIT_BYTES });
  // Before authentication, so a refused request (401, 403, 429) carries the security headers too.
  await app.register(helmet, { contentSecurityPolicy: false, global: true });
  // As an app-wide hook ahead of authentication (the plugin's own per-route hooks run
  // after it), so a flood of requests, valid token or not, costs no token look-ups.
  // Cookies are parsed first: the rate limit keys a console session by its cookie.
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.addHook('onRequest', app.rateLimit({ max: config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute', keyGenerator: rateLimitKey }));
  const failures = createSignInFailures();
  registerSecurity(app, { users: services.users, sessions: services.sessions, audit: services.audit, routes: routeTable, failures });

  if (config.CORS_ORIGINS.length) await app.register(cors, { origin: config.CORS_ORIGINS });
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: config.UPLOAD_MAX_FILES, fields: 5, parts: 6, fieldSize: 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'County lines intelligence collection matrix service',
        description:
          'Validate force returns, merge regions, rank controlling minds. Send `Authorization: Bearer <token>`, or use the console session cookie (POST /api/v1/session) with `x-csrf-token` on changes.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerHealthRoutes(app, { database });
  app.get('/openapi.json', { config: { policy: { public: true } }, schema: { hide: true } }, async () => app.swagger());
  await app.register(
    async (api) => {
      registerSessionRoutes(api, services, { failures });
      registerAdminRoutes(api, services);
      registerReturnsRoutes(api, services, {
        perUser: config.UPLOADS_PER_USER,
        total: config.UPLOADS_TOTAL,
        idleTimeoutMs: config.UPLOAD_IDLE_TIMEOUT_MS,
        totalTimeoutMs: config.UPLOAD_TOTAL_TIMEOUT_MS,
        maxBytes: config.UPLOAD_MAX_BYTES,
        tmpDir: config.UPLOAD_TMP_DIR || tmpdir(),
      });
      registerRegionRoutes(api, services);
      registerNetworkRoutes(api, services);
      registerJobRoutes(api, services);
    },
    { prefix: '/api/v1' },
  );
  await registerConsole(app, { distDir: config.CONSOLE_DIST_DIR });

  app.addHook('onClose', async () => {
    services.network.stop();
    await services.jobs.drain();
    await services.analysisPool.close();
    await services.mergePool.close();
    services.audit.stop();
    await services.audit.drain().catch(() => {});
  });
  return app;
}
