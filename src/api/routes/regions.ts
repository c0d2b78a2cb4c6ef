import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { CODES } from '../../matrix/codes.js';
import { pairInWords, withEdgesInWords, type WordsContext } from '../../regional/evidence-words.js';
import { comparisonEvidenceSchema, deconflictionAlertSchema, mergedLineSchema, mergedPersonSchema, reviewPairSchema } from '../../regional/model.js';
import type { Services } from '../../services.js';
import { AppError } from '../../errors.js';
import { REGIONAL_ROLES } from '../policy.js';
import { fingerprint, page, pageQuery } from '../paging.js';
import { authErrors, errorSchema, monthSchema, uuidSchema } from '../schemas.js';
import { personIds } from '../../audit/people.js';
import { jobSchema, jobView, mergeAuditEntry } from './jobs.js';
import { summarySchema } from './merge-summary.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const pagedErrors = { ...authErrors, 409: errorSchema };
const regionParam = z.object({ region: z.string().toUpperCase().max(40) });
const mergeParams = regionParam.extend({ id: uuidSchema });


const decisionSchema = z.object({ decision: z.string(), decidedBy: z.string().nullable(), decidedAt: z.coerce.date() }).nullable();
const queueSchema = z.object({
  mergeId: z.string().nullable(),
  total: z.number(),
  nextCursor: z.string().nullable(),
  pairs: z.array(
    reviewPairSchema.extend({
      id: z.string(),
      decision: decisionSchema,
      evidence: z.array(comparisonEvidenceSchema.extend({ text: z.string().describe('the comparison in words, e.g. "same date of birth 04/05/1998"') })),
      reasonText: z.string().describe('why the pair is queued, naming the constraint that held it apart'),
      summary: z.string().describe('the comparisons in words, most telling first, then the match weight'),
    }),
  ),
});

const enrichmentBody = z.object({
  kind: z.enum(['note', 'ocg', 'association']),
  personId: z.string().max(40).optional(),
  lineId: z.string().max(40).optional(),
  targetPersonId: z.string().max(40).optional(),
  relationship: z.enum(CODES.relationship).optional(),
  text: z.string().max(2000).optional(),
  ocgUrn: z.string().max(60).optional(),
});

const policy = (action: string) => ({ policy: { roles: REGIONAL_ROLES, action } });

/** The ROCU analyst's work: merges, the review queue, enrichment, the regional return. `NATIONAL` is the centre's scope. */
export function registerRegionRoutes(app: FastifyInstance, { merges, jobs, audit, network }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Line names and merged members, read from the merge only when a pair's words need them. */
  const wordsContext = async (principal: Principal, mergeId: string, pairs: { kind: string; reason: string; evidence: { comparison: string; level: string }[] }[]): Promise<WordsContext> => {
    const needLines = pairs.some((p) => p.evidence.some((e) => e.comparison === 'sharedLine' && e.level === 'SHARED')) || pairs.some((p) => p.kind === 'line' && p.reason === 'BLOCKED_BY_CONSTRAINT');
    const needPeople = pairs.some((p) => p.kind === 'person' && p.reason === 'BLOCKED_BY_CONSTRAINT');
    const [people, lines] = await Promise.all([needPeople ? merges.people(principal, mergeId) : [], needLines ? merges.lines(principal, mergeId) : []]);
    const lineName = new Map(lines.flatMap((l) => l.records.map((r) => [r.key.toUpperCase(), l.names[0]?.value ?? l.id] as const)));
    const members = new Map([...people, ...lines].map((e) => [e.id, e.records]));
    return { lineName: (key) => lineName.get(key), membersOf: (id) => members.get(id) };
  };

  const checkScope = (merge: { scope: string }, region: string) => {
    if (merge.scope !== region) throw new AppError('merge.not_found', 404, 'No such merge in this region.');
  };

  r.post(
    '/regions/:region/merges',
    {
      config: policy('merges.run'),
      schema: {
        tags: ['regional'],
        summary: "Merge the current accepted returns of the region's forces for a month",
        description:
          'Resolves people and lines across forces, raises deconfliction alerts, lists missing and nil returns. Use region NATIONAL for the national collation (co-ordination centre only). ' +
          'With `Prefer: respond-async` the merge runs as a job: 202 with the job, whose progress is at `GET /api/v1/jobs/:id` (the `Location` header). ' +
          'The same merge asked for while one runs joins it rather than starting another.',
        params: regionParam,
        body: z.object({ month: monthSchema }),
        headers: z.object({ prefer: z.string().max(200).optional() }),
        response: { 201: summarySchema, 202: jobSchema, ...authErrors },
      },
    },
    async (req, reply) => {
      const principal = req.principal!;
      const { region } = req.params;
      const { month } = req.body;
      merges.assertMergeScope(principal, region);
      const job = jobs.start({
        kind: 'merge',
        scope: region,
        key: `merge:${region}:${month}`,
        userId: principal.userId,
        run: async (progress) => {
          const summary = await merges.runMerge(principal, region, month, (stage, detail) => {
            progress(stage, detail);
            req.log.info({ stage, ...detail }, 'merge progress');
          });
          network.landed({ region: region === 'NATIONAL' ? undefined : region, month });
          return summary;
        },
      });
      if (/\brespond-async\b/i.test(req.headers.prefer ?? '')) {
        req.auditTarget = { kind: 'job', id: job.id, detail: { scope: region, month } };
        // The merge itself is audited when it is stored, as the synchronous route does.
        void job.done.then(() => {
          if (job.result) audit.record(mergeAuditEntry(req, job.result, job.id)).catch(() => {});
        });
        return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).header('retry-after', '2').send(jobView(job));
      }
      await job.done;
      if (job.failure) throw job.failure;
      const summary = job.result!;
      req.auditTarget = { kind: 'merge', id: summary.id, detail: { scope: summary.scope, month: summary.month } };
      return reply.code(201).send(summary);
    },
  );

  r.get(
    '/regions/:region/merges',
    {
      config: policy('merges.list'),
      schema: {
        tags: ['regional'],
        summary: "The region's merges, newest first, a page at a time (follow nextCursor)",
        params: regionParam,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ total: z.number(), merges: z.array(summarySchema), nextCursor: z.string().nullable() }), ...pagedErrors },
      },
    },
    async (req) => {
      const all = await merges.listMerges(req.principal!, req.params.region);
      const p = page(all, { list: `merges:${req.params.region}`, version: fingerprint(all.map((m) => m.id)), cursor: req.query.cursor, limit: req.query.limit });
      return { total: p.total, merges: p.items, nextCursor: p.nextCursor };
    },
  );

  r.get(
    '/regions/:region/merges/:id',
    { config: policy('merges.read'), schema: { tags: ['regional'], params: mergeParams, response: { 200: summarySchema, ...authErrors } } },
    async (req) => {
      const summary = await merges.getMerge(req.principal!, req.params.id);
      checkScope(summary, req.params.region);
      req.auditTarget = { kind: 'merge', id: summary.id };
      return summary;
    },
  );

  // A merge never changes once stored, so its lists page by position (in item id order) under the merge's id.
  // `present`: what a listed item adds as it is served (words), for the page's items only.
  const listRoute = <K extends 'people' | 'lines' | 'alerts', T extends z.ZodType>(
    path: K, action: string, item: T, load: (p: Principal, id: string) => Promise<unknown[]>, people: (items: z.infer<T>[]) => string[],
    present: (x: z.infer<T>) => z.infer<T> = (x) => x,
  ) =>
    r.get(
      `/regions/:region/merges/:id/${path}`,
      {
        config: policy(action),
        schema: {
          tags: ['regional'],
          summary: `The merge's ${path}, a page at a time (follow nextCursor)`,
          params: mergeParams,
          querystring: z.object(pageQuery),
          response: { 200: z.object({ mergeId: z.string(), total: z.number(), [path]: z.array(item), nextCursor: z.string().nullable() }), ...authErrors },
        },
      },
      async (req) => {
        checkScope(await merges.getMerge(req.principal!, req.params.id), req.params.region);
        const p = page((await load(req.principal!, req.params.id)) as z.infer<T>[], { list: `merge:${path}:${req.params.id}`, version: req.params.id, cursor: req.query.cursor, limit: req.query.limit });
        req.auditTarget = { kind: 'merge', id: req.params.id, detail: { list: path, cursor: req.query.cursor ?? null, people: personIds(people(p.items)) } };
        return { mergeId: req.params.id, total: p.total, [path]: p.items.map(present), nextCursor: p.nextCursor };
      },
    );
  listRoute('people', 'merges.people', mergedPersonSchema, merges.people, (people) => people.map((p) => p.id), withEdgesInWords);
  listRoute('lines', 'merges.lines', mergedLineSchema, merges.lines, () => [], withEdgesInWords);
  listRoute('alerts', 'merges.alerts', deconflictionAlertSchema, merges.alerts, (alerts) => alerts.filter((a) => a.kind === 'person').map((a) => a.entityId));

  r.get(
    '/regions/:region/merges/:id/export.xlsx',
    {
      config: policy('merges.export'),
      schema: { tags: ['regional'], summary: 'The regional return workbook', params: mergeParams, response: { 200: z.any(), ...authErrors } },
    },
    async (req, reply) => {
      const { buffer, merge, personIds: people } = await merges.exportWorkbook(req.principal!, req.params.id);
      checkScope(merge, req.params.region);
      req.auditTarget = { kind: 'merge', id: merge.id, detail: { export: 'xlsx', people } };
      return reply.type(XLSX).header('content-disposition', `attachment; filename="regional-return-${merge.scope}-${merge.month}.xlsx"`).send(buffer);
    },
  );

  r.get(
    '/regions/:region/review',
    {
      config: policy('review.list'),
      schema: {
        tags: ['regional'],
        summary: "Uncertain pairs from the region's latest merge, side by side with the evidence in words, a page at a time (follow nextCursor)",
        params: regionParam,
        querystring: z.object(pageQuery),
        response: { 200: queueSchema, ...pagedErrors },
      },
    },
    async (req) => {
      const queue = await merges.reviewQueue(req.principal!, req.params.region);
      // The queue is the latest merge's: a new merge between pages is a changed list.
      const p = page(queue.pairs, { list: `review:${req.params.region}`, version: queue.mergeId ?? 'none', cursor: req.query.cursor, limit: req.query.limit });
      req.auditTarget = { kind: 'review', id: req.params.region, detail: { people: personIds(p.items.filter((pair) => pair.kind === 'person').flatMap((pair) => [pair.a.mergedId, pair.b.mergedId])) } };
      const ctx = queue.mergeId && p.items.length ? await wordsContext(req.principal!, queue.mergeId, p.items) : {};
      return { mergeId: queue.mergeId, total: p.total, nextCursor: p.nextCursor, pairs: p.items.map((pair) => pairInWords(pair, ctx)) };
    },
  );

  r.post(
    '/regions/:region/review/:id',
    {
      config: policy('review.decide'),
      schema: {
        tags: ['regional'],
        summary: 'Decide a pair: same, different, or undecided (reverses an earlier decision)',
        params: regionParam.extend({ id: z.string().max(200) }),
        body: z.object({ decision: z.enum(['same', 'different', 'undecided']) }),
        response: {
          200: z.object({ id: z.string(), decision: z.string(), decidedBy: z.string(), decidedAt: z.date(), history: z.number() }),
          ...authErrors,
        },
      },
    },
    async (req) => {
      const result = await merges.decide(req.principal!, req.params.region, req.params.id, req.body.decision);
      network.landed({ region: req.params.region });
      req.auditTarget = { kind: 'review', id: req.params.id, detail: { decision: req.body.decision } };
      return result;
    },
  );

  r.post(
    '/regions/:region/enrichments',
    {
      config: policy('enrichments.add'),
      schema: {
        tags: ['regional'],
        summary: "Add the ROCU's own note, OCG URN or association to merged people or lines",
        params: regionParam,
        body: enrichmentBody,
        response: { 201: z.object({ id: z.string(), kind: z.string(), createdAt: z.date(), authorName: z.string() }), ...authErrors },
      },
    },
    async (req, reply) => {
      const row = await merges.enrich(req.principal!, req.params.region, req.body);
      network.landed({ region: req.params.region });
      req.auditTarget = { kind: 'enrichment', id: row.id };
      return reply.code(201).send(row);
    },
  );
}
