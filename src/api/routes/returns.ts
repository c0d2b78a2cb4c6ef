import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../matrix/problem.js';
import { UploadRefusedError } from '../../matrix/returns.service.js';
import { buildTemplate } from '../../matrix/template.js';
import type { Services } from '../../services.js';
import { INTEL_ROLES } from '../policy.js';
import { authErrors, errorSchema, monthSchema, uuidSchema } from '../schemas.js';
import { closeAfterAnswer, createUploadSlots, receiveWorkbook, type UploadLimits } from '../uploads.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const countsSchema = z.record(z.string(), z.number());
const summarySchema = z.object({
  id: z.string(),
  force: z.string(),
  month: z.string().nullable(),
  status: z.enum(['ACCEPTED', 'REJECTED']),
  version: z.number().nullable(),
  guidanceVersion: z.number().nullable(),
  nilReturn: z.boolean().nullable(),
  filename: z.string(),
  sha256: z.string(),
  counts: countsSchema,
  uploadedAt: z.date(),
});
/** `current`: the accepted version now in force for its force and month (a later one supersedes it). */
const historySchema = summarySchema.extend({ current: z.boolean() });
const reportSchema = historySchema.extend({ problems: z.array(problemSchema) });
/** A history entry also says who uploaded it (null once that user is gone). */
const historyEntrySchema = historySchema.extend({ uploadedByName: z.string().nullable() });
const rejectedSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  return: summarySchema,
  problems: z.array(problemSchema),
});

/** A file refused before validation: the usual error, and the refusal as the report's one problem (V2-FILE-FORMAT, V2-FILE-LIMIT). */
const refusedSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  problems: z.array(problemSchema),
});

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.-]+/g, '_')}"`;

export function registerReturnsRoutes(app: FastifyInstance, { returns, network, analysisPool }: Services, uploadLimits: UploadLimits) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const slots = createUploadSlots(uploadLimits);

  r.get(
    '/template.xlsx',
    {
      config: { policy: { roles: INTEL_ROLES, action: 'template.download' } },
      schema: { tags: ['returns'], summary: 'The blank monthly return, with drop-down lists and notes', response: { 200: z.any(), ...authErrors } },
    },
    async (_req, reply) => reply.type(XLSX).header('content-disposition', attachment('county-lines-matrix-template.xlsx')).send(await buildTemplate()),
  );

  r.post(
    '/returns',
    {
      config: { policy: { roles: ['FORCE_ANALYST'], action: 'returns.upload' } },
      schema: {
        tags: ['returns'],
        summary: 'Upload a monthly return (multipart, field "file")',
        description: 'Accepted → 201 with the new version and any warnings. Rejected → 422 with every problem; nothing of it enters the data.',
        consumes: ['multipart/form-data'],
        response: {
          201: reportSchema,
          408: errorSchema,
          413: z.union([refusedSchema, errorSchema]),
          415: errorSchema,
          422: z.union([rejectedSchema, refusedSchema, errorSchema]),
          ...authErrors,
        },
      },
    },
    async (req, reply) => {
      let release: () => void;
      try {
        release = slots.acquire(req.principal!.userId);
      } catch (err) {
        // The body is not read: the connection goes with the refusal.
        closeAfterAnswer(req, reply);
        throw err;
      }
      // The slot is held through the parse too, which holds the workbook in memory.
      try {
        let outcome;
        try {
          outcome = await returns.submit(req.principal!, await receiveWorkbook(req, reply, uploadLimits));
        } catch (err) {
          const code = (err as { code?: string }).code;
          const refused = code === 'request.too_large' || code === 'FST_REQ_FILE_TOO_LARGE' ? returns.tooLarge() : err;
          if (!(refused instanceof UploadRefusedError)) throw err;
          return reply.code(refused.status).send({ error: { code: refused.code, message: refused.message }, problems: refused.problems });
        }
        req.auditTarget = { kind: 'return', id: outcome.summary.id, detail: { status: outcome.status, sha256: outcome.summary.sha256 } };
        if (outcome.status === 'REJECTED') {
          const errors = outcome.problems.filter((p) => p.severity === 'error').length;
          return reply.code(422).send({
            error: { code: 'returns.rejected', message: `The return was rejected: ${errors} error${errors === 1 ? '' : 's'} to fix. Nothing of it was taken in.` },
            return: outcome.summary as z.infer<typeof summarySchema>,
            problems: outcome.problems,
          });
        }
        network.landed({ force: outcome.summary.force, month: outcome.summary.month ?? undefined });
        return reply.code(201).send({ ...(outcome.summary as z.infer<typeof summarySchema>), problems: outcome.problems, current: true });
      } finally {
        release();
      }
    },
  );

  r.get(
    '/returns',
    {
      config: { policy: { roles: INTEL_ROLES, action: 'returns.list' } },
      schema: {
        tags: ['returns'],
        summary: 'History of uploads with status, version and counts',
        querystring: z.object({ force: z.string().toUpperCase().max(8).optional(), month: monthSchema.optional() }),
        response: { 200: z.array(historyEntrySchema), ...authErrors },
      },
    },
    async (req) => (await returns.list(req.principal!, req.query)) as z.infer<typeof historyEntrySchema>[],
  );

  r.get(
    '/returns/:id',
    {
      config: { policy: { roles: INTEL_ROLES, action: 'returns.read' } },
      schema: { tags: ['returns'], summary: 'A return with its validation report', params: z.object({ id: uuidSchema }), response: { 200: reportSchema, ...authErrors } },
    },
    async (req) => {
      const row = await returns.get(req.principal!, req.params.id);
      req.auditTarget = { kind: 'return', id: row.id };
      return { ...(row as z.infer<typeof historySchema>), problems: row.problems as z.infer<typeof problemSchema>[] };
    },
  );

  r.get(
    '/returns/:id/report.xlsx',
    {
      config: { policy: { roles: INTEL_ROLES, action: 'returns.report' } },
      schema: { tags: ['returns'], summary: 'The uploaded workbook annotated: errors red, warnings amber, a Validation sheet', params: z.object({ id: uuidSchema }), response: { 200: z.any(), ...authErrors } },
    },
    async (req, reply) => {
      const row = await returns.get(req.principal!, req.params.id);
      req.auditTarget = { kind: 'return', id: row.id };
      // Written in the worker: reading and rewriting a large workbook would hold the event loop for seconds.
      const { buffer } = await analysisPool.run({ op: 'annotate', original: row.original, problems: row.problems as z.infer<typeof problemSchema>[] });
      const annotated = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      return reply.type(XLSX).header('content-disposition', attachment(`report-${row.force}-${row.month ?? 'unknown'}.xlsx`)).send(annotated);
    },
  );

  r.get(
    '/returns/:id/original',
    {
      config: { policy: { roles: INTEL_ROLES, action: 'returns.original' } },
      schema: { tags: ['returns'], summary: 'The file exactly as uploaded', params: z.object({ id: uuidSchema }), response: { 200: z.any(), ...authErrors } },
    },
    async (req, reply) => {
      const row = await returns.get(req.principal!, req.params.id);
      req.auditTarget = { kind: 'return', id: row.id };
      return reply.type('application/octet-stream').header('content-disposition', attachment(row.filename)).send(row.original);
    },
  );

  r.get(
    '/compliance',
    {
      config: { policy: { roles: INTEL_ROLES, action: 'returns.compliance' } },
      schema: {
        tags: ['returns'],
        summary: 'Which forces have an accepted return, a nil return, only rejected attempts, or nothing, for a month',
        querystring: z.object({ month: monthSchema }),
        response: {
          200: z.array(
            z.object({
              force: z.string(),
              name: z.string(),
              status: z.enum(['ACCEPTED', 'NIL_RETURN', 'REJECTED_ONLY', 'MISSING']),
              returnId: z.string().nullable(),
              version: z.number().nullable(),
              uploadedAt: z.date().nullable(),
            }),
          ),
          ...authErrors,
        },
      },
    },
    async (req) => returns.compliance(req.principal!, req.query.month),
  );
}
