import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ViewName, ViewParams } from '../../graph/analysis-views.js';
import { AnalysisPending, type WindowQuery } from '../../graph/network.service.js';
import { EGO_DEFAULTS } from '../../graph/subgraph.js';
import { mergedLineSchema, mergedLinkSchema, mergedPersonSchema } from '../../regional/model.js';
import { flagsSchema, listBodies, windowSchema } from '../network-bodies.js';
import type { Services } from '../../services.js';
import { INTEL_ROLES } from '../policy.js';
import { pageQuery } from '../paging.js';
import { authErrors, errorSchema, monthSchema } from '../schemas.js';
import { jobSchema, jobView } from './jobs.js';
import { notFound } from '../../errors.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A person or line id as the merge issues them (`P-…`, `L-…`): letters, digits,
 * `-` and `_`. Anything else (a path, a control character) is refused before it
 * reaches a query or the audit log, whose database refuses a NUL outright.
 */
const entityId = z.string().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id such as P-1A2B3C4D5E');

const windowQuery = z.object({
  scope: z.string().max(40).regex(/^[A-Za-z_]+$/, 'national, a region code or a force code').optional().describe('national, a region code (EAST_MIDLANDS) or a force code (LEI); default: your own scope'),
  month: monthSchema.describe('the last month of the window'),
  months: z.coerce.number().int().min(1).max(24).default(3).describe('how many months the window spans'),
});
const pagedErrors = { ...authErrors, 409: errorSchema };
/** A window not worked out within the wait: the job to poll, then ask again. */
const pending = { 202: jobSchema.extend({ kind: z.literal('analysis') }).describe('the window is still being worked out: poll the job (Location), then ask again') };
const includeQuery = z.enum(['victims']).optional().describe('victims: keep children and exploited people in the ranking, flagged (by default they are left out and listed on /safeguarding)');

/** A page the analysis worker encoded against its route's schema (network-bodies.ts), sent as it is. */
const sendPage = (reply: FastifyReply, json: Uint8Array) =>
  reply.type('application/json; charset=utf-8').send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));

const policy = (action: string) => ({ policy: { roles: INTEL_ROLES, action } });

/** The co-ordination centre's questions of the line–nominal network; every analyst may ask them within their own scope. */
export function registerNetworkRoutes(app: FastifyInstance, { network, now }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The view of the request's window, or null when a 202 with the window's job has been sent. */
  async function viewOf<N extends ViewName>(req: FastifyRequest<{ Querystring: WindowQuery }>, reply: FastifyReply, name: N, params: ViewParams<N>) {
    try {
      return await network.view(req.principal!, req.query, name, params);
    } catch (err) {
      if (!(err instanceof AnalysisPending)) throw err;
      req.auditTarget = { kind: 'job', id: err.job.id, detail: { scope: err.job.scope, view: name } };
      await reply.code(202).header('location', `/api/v1/jobs/${err.job.id}`).header('retry-after', '2').send(jobView(err.job));
      return null;
    }
  }

  r.get(
    '/controllers',
    {
      config: policy('controllers.rank'),
      schema: {
        tags: ['network'],
        summary: 'Controlling minds ranked by network structure (method=contacts: the old ranking by police contacts, for comparison), a page at a time',
        description: 'Children and exploited people are left out (they are on /safeguarding) unless include=victims. Pages follow nextCursor; the order is rank, then person id.',
        querystring: windowQuery.extend({
          ...pageQuery,
          method: z.enum(['structure', 'contacts']).default('structure'),
          include: includeQuery,
        }),
        response: {
          200: listBodies.controllers,
          ...pagedErrors,
          ...pending,
        },
      },
    },
    async (req, reply) => {
      const { method, include } = req.query;
      const v = await viewOf(req, reply, 'controllers', { method, victims: include === 'victims', cursor: req.query.cursor, limit: req.query.limit });
      if (!v) return reply;
      req.auditTarget = { kind: 'ranking', id: v.window.scope, detail: { months: v.window.months, method, include: include ?? null, people: v.value.people } };
      return sendPage(reply, v.value.json);
    },
  );

  r.get(
    '/controllers/export.xlsx',
    {
      config: policy('controllers.export'),
      schema: {
        tags: ['network'],
        summary: 'Briefing workbook: ranked controllers and the safeguarding list',
        querystring: windowQuery.extend({ limit: z.coerce.number().int().min(1).max(100_000).default(200), include: includeQuery }),
        response: { 200: z.any(), ...authErrors, ...pending },
      },
    },
    async (req, reply) => {
      const v = await viewOf(req, reply, 'controllersWorkbook', { limit: req.query.limit, victims: req.query.include === 'victims', preparedBy: req.principal!.name, generatedAt: now() });
      if (!v) return reply;
      // A briefing leaves the service: the log names everyone in it (issue #6, every read of personal data).
      req.auditTarget = { kind: 'ranking', id: v.window.scope, detail: { export: 'xlsx', months: v.window.months, people: v.value.people } };
      return reply.type(XLSX).header('content-disposition', `attachment; filename="controllers-${v.window.scope}-${req.query.month}.xlsx"`).send(Buffer.from(v.value.buffer));
    },
  );

  r.get(
    '/safeguarding',
    {
      config: policy('safeguarding.list'),
      schema: {
        tags: ['network'],
        summary: 'Children, exploited and vulnerable people, children first, with whom they direct and the controllers above them, a page at a time',
        querystring: windowQuery.extend(pageQuery),
        response: { 200: listBodies.safeguarding, ...pagedErrors, ...pending },
      },
    },
    async (req, reply) => {
      const v = await viewOf(req, reply, 'safeguarding', { cursor: req.query.cursor, limit: req.query.limit });
      if (!v) return reply;
      req.auditTarget = { kind: 'safeguarding', id: v.window.scope, detail: { months: v.window.months, people: v.value.people } };
      return sendPage(reply, v.value.json);
    },
  );

  r.get(
    '/people',
    {
      config: policy('people.list'),
      schema: {
        tags: ['network'],
        summary: "The window's resolved people — the resolution the ranking uses — with the force records behind each, a page at a time",
        description: 'Ordered by person id. Children and exploited people are included, flagged.',
        querystring: windowQuery.extend(pageQuery),
        response: { 200: listBodies.people, ...pagedErrors, ...pending },
      },
    },
    async (req, reply) => {
      const v = await viewOf(req, reply, 'people', { cursor: req.query.cursor, limit: req.query.limit });
      if (!v) return reply;
      req.auditTarget = { kind: 'people', id: v.window.scope, detail: { months: v.window.months, people: v.value.people } };
      return sendPage(reply, v.value.json);
    },
  );

  r.get(
    '/people/:id',
    {
      config: policy('people.read'),
      schema: {
        tags: ['network'],
        summary: 'A person: every line, role, month and force, with provenance',
        params: z.object({ id: entityId }),
        querystring: windowQuery,
        response: {
          200: z.object({
            window: windowSchema, person: mergedPersonSchema, rank: z.number().nullable(), overallRank: z.number().nullable(),
            flags: flagsSchema, age: z.number().nullable(), links: z.array(mergedLinkSchema),
          }),
          ...authErrors,
          ...pending,
        },
      },
    },
    async (req, reply) => {
      req.auditTarget = { kind: 'person', id: req.params.id };
      const asked = await network.currentId('person', req.params.id);
      const v = await viewOf(req, reply, 'person', { personId: asked });
      if (!v) return reply;
      if (!v.value) throw notFound('person');
      const personId = v.value.body.person.id;
      // Logged under the id the person goes by now, so the log for one person is one filter.
      req.auditTarget = { kind: 'person', id: personId, detail: { ...(personId !== req.params.id && { requested: req.params.id }), people: v.value.people } };
      return v.value.body;
    },
  );

  r.get(
    '/lines/:id',
    {
      config: policy('lines.read'),
      schema: {
        tags: ['network'],
        summary: 'A line: names, deal numbers, areas and the people on it, with provenance',
        params: z.object({ id: entityId }),
        querystring: windowQuery,
        response: { 200: z.object({ window: windowSchema, line: mergedLineSchema, links: z.array(mergedLinkSchema) }), ...authErrors, ...pending },
      },
    },
    async (req, reply) => {
      req.auditTarget = { kind: 'line', id: req.params.id };
      const lineId = await network.currentId('line', req.params.id);
      const v = await viewOf(req, reply, 'line', { lineId });
      if (!v) return reply;
      if (!v.value) throw notFound('line');
      req.auditTarget = { kind: 'line', id: lineId, detail: { ...(lineId !== req.params.id && { requested: req.params.id }), people: v.value.people } };
      return v.value.body;
    },
  );

  r.get(
    '/network/:personId',
    {
      config: policy('network.read'),
      schema: {
        tags: ['network'],
        summary: "A person's network to a depth, as JSON, GraphML or GEXF (for Gephi or i2 Analyst's Notebook)",
        params: z.object({ personId: entityId }),
        querystring: windowQuery.extend({ depth: z.coerce.number().int().min(1).max(EGO_DEFAULTS.maxDepth).default(2), format: z.enum(['json', 'graphml', 'gexf']).default('json') }),
        response: { 200: z.any(), ...authErrors, ...pending },
      },
    },
    async (req, reply) => {
      const detail = { network: req.query.format, depth: req.query.depth };
      req.auditTarget = { kind: 'person', id: req.params.personId, detail };
      const asked = await network.currentId('person', req.params.personId);
      const { depth, format } = req.query;
      const v = await viewOf(req, reply, 'network', { personId: asked, depth, format });
      if (!v) return reply;
      if (!v.value) return reply.code(404).send({ error: { code: 'person.not_found', message: 'No such person in this scope and window.' } });
      const { personId } = v.value;
      req.auditTarget = { kind: 'person', id: personId, detail: { ...detail, ...(personId !== req.params.personId && { requested: req.params.personId }), people: v.value.people } };
      const name = `network-${personId}`;
      if (format === 'graphml') return reply.type('application/graphml+xml').header('content-disposition', `attachment; filename="${name}.graphml"`).send(v.value.text);
      if (format === 'gexf') return reply.type('application/gexf+xml').header('content-disposition', `attachment; filename="${name}.gexf"`).send(v.value.text);
      return reply.type('application/json').send(v.value.text);
    },
  );
  r.get(
    '/worklists/direction',
    {
      config: policy('worklists.direction'),
      schema: {
        tags: ['network'],
        summary: 'People on several lines with no recorded direction: whom to record DIRECTS, SUPPLIES or EXPLOITS for first, a page at a time',
        description:
          'No DIRECTS, SUPPLIES, EXPLOITS, RECRUITED or FINANCES link in or out, from any force or ROCU, and on two or more lines: without direction such people look alike to the ranking. Most lines first.',
        querystring: windowQuery.extend(pageQuery),
        response: {
          200: listBodies.direction,
          ...pagedErrors,
          ...pending,
        },
      },
    },
    async (req, reply) => {
      const v = await viewOf(req, reply, 'direction', { cursor: req.query.cursor, limit: req.query.limit });
      if (!v) return reply;
      req.auditTarget = { kind: 'worklist', id: v.window.scope, detail: { months: v.window.months, people: v.value.people } };
      return sendPage(reply, v.value.json);
    },
  );
}
