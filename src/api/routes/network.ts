import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildControllersWorkbook } from '../../graph/controllers-workbook.js';
import { toGEXF, toGraphML, toJSON } from '../../graph/export-formats.js';
import { EGO_DEFAULTS, egoNetwork } from '../../graph/subgraph.js';
import { evidenceSchema, mergedLineSchema, mergedLinkSchema, mergedPersonSchema } from '../../regional/model.js';
import type { Services } from '../../services.js';
import { INTEL_ROLES } from '../policy.js';
import { authErrors, monthSchema } from '../schemas.js';
import { peopleInGraph, personIds } from '../../audit/people.js';

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
const windowSchema = z.object({ scope: z.string(), forces: z.array(z.string()), months: z.array(z.string()) });

const factorSchema = z.object({
  factor: z.string(),
  raw: z.number(),
  detail: z.record(z.string(), z.number()),
  normalised: z.number(),
  weight: z.number(),
  contribution: z.number(),
  evidence: z.array(evidenceSchema),
  evidenceTruncated: z.boolean(),
});
const rankedSchema = z.object({
  personId: z.string(),
  rank: z.number(),
  score: z.number(),
  names: z.array(z.string()),
  pncIds: z.array(z.string()),
  forces: z.array(z.string()),
  lines: z.array(z.string()),
  handlingConditions: z.array(z.string()),
  factors: z.array(factorSchema),
});
const contactsSchema = z.object({
  personId: z.string(),
  rank: z.number(),
  policeContacts: z.number(),
  names: z.array(z.string()),
  structuralRank: z.number().nullable(),
  handlingConditions: z.array(z.string()),
});
const safeguardingSchema = z.object({
  personId: z.string(),
  group: z.enum(['CHILD', 'EXPLOITED', 'VULNERABLE']),
  names: z.array(z.string()),
  pncIds: z.array(z.string()),
  age: z.number().nullable(),
  exploited: z.string(),
  vulnerabilities: z.array(z.string()),
  safeguardingReferral: z.string().nullable(),
  nrmReferral: z.string().nullable(),
  forces: z.array(z.string()),
  lines: z.array(z.object({ lineId: z.string(), names: z.array(z.string()) })),
  controllersAbove: z.array(z.object({ personId: z.string(), rank: z.number(), score: z.number(), names: z.array(z.string()), handlingConditions: z.array(z.string()) })),
  handlingConditions: z.array(z.string()),
  evidence: z.array(evidenceSchema),
  evidenceTotal: z.number(),
});

const policy = (action: string) => ({ policy: { roles: INTEL_ROLES, action } });

/** The co-ordination centre's questions of the line–nominal network; every analyst may ask them within their own scope. */
export function registerNetworkRoutes(app: FastifyInstance, { network }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/controllers',
    {
      config: policy('controllers.rank'),
      schema: {
        tags: ['network'],
        summary: 'Controlling minds ranked by network structure (method=contacts: the old ranking by police contacts, for comparison)',
        querystring: windowQuery.extend({
          limit: z.coerce.number().int().min(1).max(1000).default(50),
          method: z.enum(['structure', 'contacts']).default('structure'),
        }),
        response: {
          200: z.object({
            window: windowSchema,
            method: z.string(),
            builtAt: z.date(),
            total: z.number(),
            people: z.array(rankedSchema).optional(),
            contacts: z.array(contactsSchema).optional(),
          }),
          ...authErrors,
        },
      },
    },
    async (req) => {
      const a = await network.analysisFor(req.principal!, req.query);
      const base = { window: a.window, method: req.query.method, builtAt: a.builtAt, total: a.ranked.length };
      const audit = (people: string[]) =>
        (req.auditTarget = { kind: 'ranking', id: a.window.scope, detail: { months: a.window.months, method: req.query.method, people } });
      if (req.query.method === 'contacts') {
        const byId = new Map(a.ranked.map((p) => [p.personId, p]));
        const contacts = a.contacts.slice(0, req.query.limit);
        audit(contacts.map((c) => c.personId));
        return {
          ...base,
          contacts: contacts.map((c) => {
            const p = byId.get(c.personId);
            return { ...c, names: p?.names ?? [], structuralRank: p?.rank ?? null, handlingConditions: p?.handlingConditions ?? [] };
          }),
        };
      }
      const people = a.ranked.slice(0, req.query.limit);
      audit(people.map((p) => p.personId));
      return { ...base, people };
    },
  );

  r.get(
    '/controllers/export.xlsx',
    {
      config: policy('controllers.export'),
      schema: { tags: ['network'], summary: 'Briefing workbook: ranked controllers and the safeguarding list', querystring: windowQuery.extend({ limit: z.coerce.number().int().min(1).max(5000).default(200) }), response: { 200: z.any(), ...authErrors } },
    },
    async (req, reply) => {
      const a = await network.analysisFor(req.principal!, req.query);
      const controllers = a.ranked.slice(0, req.query.limit);
      // A briefing leaves the service: the log names everyone in it (issue #6, every read of personal data).
      req.auditTarget = {
        kind: 'ranking', id: a.window.scope,
        detail: { export: 'xlsx', months: a.window.months, people: personIds([...controllers, ...a.safeguarding, ...a.safeguarding.flatMap((s) => s.controllersAbove)].map((p) => p.personId)) },
      };
      const period = `${a.window.months[0]} to ${a.window.months.at(-1)}`;
      const buffer = await buildControllersWorkbook(controllers, a.safeguarding, {
        title: `Controlling minds — ${a.window.scope}`, period, generatedAt: a.builtAt, preparedBy: req.principal!.name, maxControllers: req.query.limit,
      });
      return reply.type(XLSX).header('content-disposition', `attachment; filename="controllers-${a.window.scope}-${req.query.month}.xlsx"`).send(buffer);
    },
  );

  r.get(
    '/safeguarding',
    {
      config: policy('safeguarding.list'),
      schema: { tags: ['network'], summary: 'Exploited and vulnerable people on the lines, children first, with the controllers above them', querystring: windowQuery, response: { 200: z.object({ window: windowSchema, people: z.array(safeguardingSchema) }), ...authErrors } },
    },
    async (req) => {
      const a = await network.analysisFor(req.principal!, req.query);
      req.auditTarget = { kind: 'safeguarding', id: a.window.scope, detail: { months: a.window.months, people: personIds([...a.safeguarding, ...a.safeguarding.flatMap((s) => s.controllersAbove)].map((p) => p.personId)) } };
      return { window: a.window, people: a.safeguarding };
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
        response: { 200: z.object({ window: windowSchema, person: mergedPersonSchema, rank: z.number().nullable(), links: z.array(mergedLinkSchema) }), ...authErrors },
      },
    },
    async (req) => {
      req.auditTarget = { kind: 'person', id: req.params.id };
      const found = await network.person(req.principal!, req.params.id, req.query);
      // Logged under the id the person goes by now, so the log for one person is one filter.
      req.auditTarget = { kind: 'person', id: found.person.id, detail: { ...(found.person.id !== req.params.id && { requested: req.params.id }), people: personIds([found.person.id, ...found.links.map((l) => l.personId)]) } };
      return found;
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
        response: { 200: z.object({ window: windowSchema, line: mergedLineSchema, links: z.array(mergedLinkSchema) }), ...authErrors },
      },
    },
    async (req) => {
      req.auditTarget = { kind: 'line', id: req.params.id };
      const found = await network.line(req.principal!, req.params.id, req.query);
      req.auditTarget = { kind: 'line', id: found.line.id, detail: { ...(found.line.id !== req.params.id && { requested: req.params.id }), people: personIds(found.links.map((l) => l.personId)) } };
      return found;
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
        response: { 200: z.any(), ...authErrors },
      },
    },
    async (req, reply) => {
      const detail = { network: req.query.format, depth: req.query.depth };
      req.auditTarget = { kind: 'person', id: req.params.personId, detail };
      const a = await network.analysisFor(req.principal!, req.query);
      const personId = await network.currentId('person', req.params.personId);
      if (!a.graph.hasNode(`person:${personId}`)) {
        return reply.code(404).send({ error: { code: 'person.not_found', message: 'No such person in this scope and window.' } });
      }
      const ego = egoNetwork(a.graph, personId, req.query.depth);
      req.auditTarget = { kind: 'person', id: personId, detail: { ...detail, ...(personId !== req.params.personId && { requested: req.params.personId }), people: peopleInGraph(ego) } };
      const name = `network-${personId}`;
      if (req.query.format === 'graphml') return reply.type('application/graphml+xml').header('content-disposition', `attachment; filename="${name}.graphml"`).send(toGraphML(ego));
      if (req.query.format === 'gexf') return reply.type('application/gexf+xml').header('content-disposition', `attachment; filename="${name}.gexf"`).send(toGEXF(ego));
      return reply.type('application/json').send(JSON.stringify(toJSON(ego)));
    },
  );
}

