import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildControllersWorkbook } from '../../graph/controllers-workbook.js';
import { toGEXF, toGraphML, toJSON } from '../../graph/export-formats.js';
import { listsOf, type Analysis } from '../../graph/network.service.js';
import { directionWorklist } from '../../graph/direction-worklist.js';
import { EGO_DEFAULTS, egoNetwork } from '../../graph/subgraph.js';
import { evidenceSchema, mergedLineSchema, mergedLinkSchema, mergedPersonSchema } from '../../regional/model.js';
import type { Services } from '../../services.js';
import { INTEL_ROLES } from '../policy.js';
import { fingerprint, page, pageQuery } from '../paging.js';
import { authErrors, errorSchema, monthSchema } from '../schemas.js';
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
const pagedErrors = { ...authErrors, 409: errorSchema };
const includeQuery = z.enum(['victims']).optional().describe('victims: keep children and exploited people in the ranking, flagged (by default they are left out and listed on /safeguarding)');

const flagsSchema = z.object({ child: z.boolean(), exploited: z.boolean(), vulnerable: z.boolean() }).describe('child: under 18 at the end of the window per DOB; exploited: recorded Exploited = YES; vulnerable: any vulnerability recorded');
const sourceSchema = z.object({ force: z.string(), month: z.string(), ref: z.string() }).describe("a force's Nominal Ref for the person in a month");
/** What every listed person carries so an analyst can find them in their own systems without another call. */
const referencesShape = { pncIds: z.array(z.string()), dob: z.string().nullable(), age: z.number().nullable(), flags: flagsSchema, sources: z.array(sourceSchema) };

const factorSchema = z.object({
  factor: z.string(),
  raw: z.number(),
  detail: z.record(z.string(), z.number()),
  normalised: z.number(),
  weight: z.number(),
  contribution: z.number(),
  evidence: z.array(evidenceSchema),
  evidenceTruncated: z.boolean(),
  text: z.string().describe('the factor in words'),
});
const rankedSchema = z.object({
  personId: z.string(),
  rank: z.number().nullable().describe('place among the controlling minds; null for a child or exploited person (listed only with include=victims)'),
  overallRank: z.number().describe('place by score among everyone, children and exploited people included'),
  score: z.number(),
  names: z.array(z.string()),
  ...referencesShape,
  forces: z.array(z.string()),
  lines: z.array(z.string()),
  handlingConditions: z.array(z.string()),
  factors: z.array(factorSchema),
});
const contactsSchema = z.object({
  personId: z.string(),
  rank: z.number().nullable(),
  overallRank: z.number(),
  policeContacts: z.number(),
  names: z.array(z.string()),
  ...referencesShape,
  structuralRank: z.number().nullable(),
  handlingConditions: z.array(z.string()),
});
const safeguardingSchema = z.object({
  personId: z.string(),
  group: z.enum(['CHILD', 'EXPLOITED', 'VULNERABLE']),
  names: z.array(z.string()),
  ...referencesShape,
  overallRank: z.number().nullable().describe('where the network scoring puts them among everyone'),
  score: z.number().nullable(),
  directs: z.array(z.object({ personId: z.string(), names: z.array(z.string()), relationships: z.array(z.string()), flags: flagsSchema })),
  directsText: z.string(),
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

const personListSchema = z.object({
  personId: z.string(),
  names: z.array(z.string()),
  ...referencesShape,
  forces: z.array(z.string()),
  months: z.array(z.string()),
  lines: z.array(z.string()),
  rank: z.number().nullable(),
  overallRank: z.number(),
  handlingConditions: z.array(z.string()),
});

const policy = (action: string) => ({ policy: { roles: INTEL_ROLES, action } });

/** The list's name for its cursors: the query parameters that change what it holds. */
const listName = (a: Analysis, what: string) => `${what}|${a.window.scope}|${a.window.months.join(',')}`;

/** The co-ordination centre's questions of the line–nominal network; every analyst may ask them within their own scope. */
export function registerNetworkRoutes(app: FastifyInstance, { network }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
          200: z.object({
            window: windowSchema,
            method: z.string(),
            include: z.array(z.string()),
            builtAt: z.date(),
            total: z.number().describe('people in the whole list (all pages)'),
            leftOut: z.number().describe('children and exploited people left out of this list (on /safeguarding)'),
            people: z.array(rankedSchema).optional(),
            contacts: z.array(contactsSchema).optional(),
            nextCursor: z.string().nullable(),
          }),
          ...pagedErrors,
        },
      },
    },
    async (req) => {
      const a = await network.analysisFor(req.principal!, req.query);
      const lists = listsOf(a);
      const victims = req.query.include === 'victims';
      const { method } = req.query;
      const name = listName(a, `controllers:${method}:${victims ? 'victims' : 'controllers'}`);
      const audit = (people: string[]) =>
        (req.auditTarget = { kind: 'ranking', id: a.window.scope, detail: { months: a.window.months, method, include: req.query.include ?? null, people } });
      const base = { window: a.window, method, include: victims ? ['victims'] : [], builtAt: a.builtAt, leftOut: victims ? 0 : lists.everyone.length - lists.controllers.length };
      if (method === 'contacts') {
        const all = victims ? lists.contactsEveryone : lists.contacts;
        const p = page(all, { list: name, version: fingerprint(all.map((c) => c.personId)), cursor: req.query.cursor, limit: req.query.limit });
        audit(p.items.map((c) => c.personId));
        return {
          ...base,
          total: p.total,
          nextCursor: p.nextCursor,
          contacts: p.items.map((c) => {
            const r = lists.byId.get(c.personId)!;
            return {
              ...c, names: r.names, pncIds: r.pncIds, dob: r.dob, age: r.age, sources: lists.refs(c.personId).sources,
              structuralRank: r.rank, handlingConditions: r.handlingConditions,
            };
          }),
        };
      }
      const all = victims ? lists.everyone : lists.controllers;
      const p = page(all, { list: name, version: fingerprint(all.map((r) => r.personId)), cursor: req.query.cursor, limit: req.query.limit });
      audit(p.items.map((r) => r.personId));
      return { ...base, total: p.total, nextCursor: p.nextCursor, people: p.items.map((r) => ({ ...r, sources: lists.refs(r.personId).sources })) };
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
        response: { 200: z.any(), ...authErrors },
      },
    },
    async (req, reply) => {
      const a = await network.analysisFor(req.principal!, req.query);
      const lists = listsOf(a);
      const controllers = (req.query.include === 'victims' ? lists.everyone : lists.controllers).slice(0, req.query.limit);
      // A briefing leaves the service: the log names everyone in it (issue #6, every read of personal data).
      req.auditTarget = {
        kind: 'ranking', id: a.window.scope,
        detail: { export: 'xlsx', months: a.window.months, people: personIds([...controllers, ...a.safeguarding, ...a.safeguarding.flatMap((s) => s.controllersAbove)].map((p) => p.personId)) },
      };
      const period = `${a.window.months[0]} to ${a.window.months.at(-1)}`;
      const buffer = await buildControllersWorkbook(controllers, a.safeguarding, {
        title: `Controlling minds — ${a.window.scope}`, period, generatedAt: a.builtAt, preparedBy: req.principal!.name, maxControllers: req.query.limit,
        sources: (id) => lists.refs(id).sources,
      });
      return reply.type(XLSX).header('content-disposition', `attachment; filename="controllers-${a.window.scope}-${req.query.month}.xlsx"`).send(buffer);
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
        response: { 200: z.object({ window: windowSchema, total: z.number(), people: z.array(safeguardingSchema), nextCursor: z.string().nullable() }), ...pagedErrors },
      },
    },
    async (req) => {
      const a = await network.analysisFor(req.principal!, req.query);
      const lists = listsOf(a);
      const all = a.safeguarding;
      const p = page(all, { list: listName(a, 'safeguarding'), version: fingerprint(all.map((e) => e.personId)), cursor: req.query.cursor, limit: req.query.limit });
      req.auditTarget = {
        kind: 'safeguarding', id: a.window.scope,
        detail: { months: a.window.months, people: personIds(p.items.flatMap((e) => [e.personId, ...e.controllersAbove.map((c) => c.personId), ...e.directs.map((d) => d.personId)])) },
      };
      return { window: a.window, total: p.total, nextCursor: p.nextCursor, people: p.items.map((e) => ({ ...e, sources: lists.refs(e.personId).sources })) };
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
        response: { 200: z.object({ window: windowSchema, builtAt: z.date(), total: z.number(), people: z.array(personListSchema), nextCursor: z.string().nullable() }), ...pagedErrors },
      },
    },
    async (req) => {
      const a = await network.analysisFor(req.principal!, req.query);
      const lists = listsOf(a);
      const all = lists.people;
      const p = page(all, { list: listName(a, 'people'), version: fingerprint(all.map((r) => r.personId)), cursor: req.query.cursor, limit: req.query.limit });
      req.auditTarget = { kind: 'people', id: a.window.scope, detail: { months: a.window.months, people: p.items.map((r) => r.personId) } };
      return {
        window: a.window, builtAt: a.builtAt, total: p.total, nextCursor: p.nextCursor,
        people: p.items.map((r) => ({
          personId: r.personId, names: r.names, pncIds: r.pncIds, dob: r.dob, age: r.age, flags: r.flags, ...lists.refs(r.personId),
          forces: r.forces, lines: r.lines, rank: r.rank, overallRank: r.overallRank, handlingConditions: r.handlingConditions,
        })),
      };
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
        },
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
      const standing = (id: string) => listsOf(a).byId.get(id);
      if (req.query.format === 'graphml') return reply.type('application/graphml+xml').header('content-disposition', `attachment; filename="${name}.graphml"`).send(toGraphML(ego, standing));
      if (req.query.format === 'gexf') return reply.type('application/gexf+xml').header('content-disposition', `attachment; filename="${name}.gexf"`).send(toGEXF(ego, standing));
      return reply.type('application/json').send(JSON.stringify(toJSON(ego, standing)));
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
          200: z.object({
            window: windowSchema,
            total: z.number(),
            people: z.array(
              z.object({
                personId: z.string(),
                names: z.array(z.string()),
                ...referencesShape,
                forces: z.array(z.string()),
                roles: z.array(z.string()),
                lines: z.array(z.object({ lineId: z.string(), names: z.array(z.string()) })),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
          ...pagedErrors,
        },
      },
    },
    async (req) => {
      const a = await network.analysisFor(req.principal!, req.query);
      const lists = listsOf(a);
      const all = directionWorklist(a.graph);
      const p = page(all, { list: listName(a, 'direction'), version: fingerprint(all.map((e) => e.personId)), cursor: req.query.cursor, limit: req.query.limit });
      req.auditTarget = { kind: 'worklist', id: a.window.scope, detail: { months: a.window.months, people: p.items.map((e) => e.personId) } };
      return {
        window: a.window, total: p.total, nextCursor: p.nextCursor,
        people: p.items.map((e) => {
          const ranked = lists.byId.get(e.personId)!;
          return { ...e, pncIds: ranked.pncIds, dob: ranked.dob, age: ranked.age, flags: ranked.flags, sources: lists.refs(e.personId).sources };
        }),
      };
    },
  );
}

