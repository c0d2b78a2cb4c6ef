import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { errorSchema } from '../schemas.js';

const PING_TIMEOUT_MS = 3000;

export function registerHealthRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      config: { policy: { public: true } },
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      config: { policy: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'The database answers',
        response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: errorSchema },
      },
    },
    async (_req, reply) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
      });
      try {
        await Promise.race([database.ping(), timeout]);
        return { status: 'ready' as const, database: database.kind };
      } catch {
        return reply.code(503).send({ error: { code: 'db.unavailable', message: 'The database is not answering.' } });
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
