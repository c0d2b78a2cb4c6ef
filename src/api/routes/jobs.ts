import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditEntry } from '../../audit/audit.repository.js';
import { assertScope, resolveQueryScope } from '../../auth/scope.js';
import type { Job } from '../../jobs/jobs.service.js';
import type { MergeSummary } from '../../regional/merges.service.js';
import type { Services } from '../../services.js';
import { INTEL_ROLES } from '../policy.js';
import { requestAuditEntry } from '../security.js';
import { authErrors, uuidSchema } from '../schemas.js';
import { summarySchema } from './merge-summary.js';

export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(['merge', 'analysis']).describe('merge: a regional or national merge; analysis: a window of the network being worked out'),
  scope: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  /** The stage it is at now: the last of `stages`. */
  stage: z.string(),
  stages: z.array(z.object({ stage: z.string(), at: z.date(), detail: z.record(z.string(), z.number()).optional() })),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  result: summarySchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export function jobView(job: Job) {
  return {
    id: job.id,
    kind: job.kind as 'merge' | 'analysis',
    scope: job.scope,
    status: job.status,
    stage: job.stages.at(-1)?.stage ?? 'starting',
    stages: job.stages,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    result: (job.result ?? null) as MergeSummary | null,
    error: job.error && { code: job.error.code, message: job.error.message },
  };
}

/** The audit entry of a merge that a job stored after its request had been answered. */
export const mergeAuditEntry = (req: FastifyRequest, summary: MergeSummary, jobId: string): AuditEntry =>
  requestAuditEntry(req, { action: 'merges.run', status: 201, target: { kind: 'merge', id: summary.id, detail: { scope: summary.scope, month: summary.month, job: jobId } } });

/** Progress of long work started by another route (a merge with `Prefer: respond-async`, a window of the network not yet worked out). */
export function registerJobRoutes(app: FastifyInstance, { jobs }: Services) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/jobs/:id',
    {
      config: { policy: { roles: INTEL_ROLES, action: 'jobs.read' } },
      schema: {
        tags: ['regional'],
        summary: 'A job: its stage, and its result when it has finished',
        description: 'Poll every second or two while `status` is `running`. Finished jobs are kept for an hour.',
        params: z.object({ id: uuidSchema }),
        response: { 200: jobSchema, ...authErrors },
      },
    },
    async (req) => {
      const job = jobs.get(req.params.id);
      // A window's job may be a force's; a merge's is a region's or the nation's.
      if (job.kind === 'analysis') resolveQueryScope(req.principal!, job.scope);
      else assertScope(req.principal!, job.scope);
      req.auditTarget = { kind: 'job', id: job.id, detail: { scope: job.scope, status: job.status, ...(job.result ? { merge: (job.result as MergeSummary).id } : {}) } };
      return jobView(job);
    },
  );
}
