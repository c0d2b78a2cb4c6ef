import { randomUUID } from 'node:crypto';
import { on } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import type { Principal } from '../auth/principal.js';
import { assertScope, outOfScope } from '../auth/scope.js';
import type { Db } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import { unpackBatches } from '../text-batches.js';
import type { ReturnsRepository } from '../matrix/returns.repository.js';
import { FORCES, forcesOfRegion, isRegion, REGION_CODES } from '../reference/forces.js';
import type { MergeContextData } from './merge-context.js';
import type { ItemBatch, MergeRow, MergesRepository } from './merges.repository.js';
import { missingReturns, type MissingReturns } from './missing-returns.js';
import { lookbackMonths } from './month-merge.js';
import type { DeconflictionAlert, Decision, Enrichment, MergedLine, MergedPerson, MergeStats, ReviewPair, Thresholds } from './model.js';
import { loadCurrentReturns, usedReturns } from './sources.js';
import type { RegionalWorkbookTexts } from './export-task.js';
import type { MergePool } from './merge-pool.js';
import type { MergeInputMessage, MergeMessage } from './merge-task.js';

export interface MergeSummary {
  id: string;
  scope: string;
  month: string;
  createdAt: Date;
  returns: { force: string; returnId: string; version: number | null; nilReturn: boolean }[];
  missing: MissingReturns;
  stats: MergeStats;
  alerts: number;
  reviewPairs: number;
}

export type Progress = (stage: string, detail?: Record<string, number>) => void;

export const scopeForces = (scope: string): string[] =>
  scope === 'NATIONAL' ? FORCES.map((f) => f.code) : isRegion(scope) ? forcesOfRegion(scope) : [];

export function createMergesService({
  db,
  repo,
  returnsRepo,
  thresholds,
  writeWorkbook,
  mergePool,
  now = () => new Date(),
}: {
  db: Db;
  repo: MergesRepository;
  returnsRepo: ReturnsRepository;
  thresholds: Thresholds;
  writeWorkbook: (input: RegionalWorkbookTexts) => Promise<{ buffer: Buffer; personIds: string[] }>;
  mergePool: MergePool;
  now?: () => Date;
}) {
  /** Decisions, enrichments, stored ids and aliases in force, shaped for the merge (withNewId adds how new ids are drawn). */
  async function mergeContextData(scope: string): Promise<MergeContextData> {
    const [decisionRows, enrichmentRows, priorPersonIds, priorLineIds, personAliases, lineAliases] = await Promise.all([
      repo.decisions(),
      repo.enrichments({ scopes: scope === 'NATIONAL' ? [...REGION_CODES, 'NATIONAL'] : [scope] }),
      repo.identities({ kind: 'person' }),
      repo.identities({ kind: 'line' }),
      repo.aliases({ kind: 'person' }),
      repo.aliases({ kind: 'line' }),
    ]);
    const person = (id: string | null) => (id ? followAliases(personAliases, id) : undefined);
    const decisions: Decision[] = decisionRows
      .filter((d) => d.decision !== 'undecided')
      .map((d) => ({ aKey: d.aKey, bKey: d.bKey, kind: d.kind, decision: d.decision as 'same' | 'different' }));
    const enrichments: Enrichment[] = enrichmentRows.map((e) => ({
      kind: e.kind,
      personId: person(e.personId),
      lineId: e.lineId ? followAliases(lineAliases, e.lineId) : undefined,
      targetPersonId: person(e.targetPersonId),
      relationship: (e.relationship ?? undefined) as Enrichment['relationship'],
      text: e.text ?? undefined,
      ocgUrn: e.ocgUrn ?? undefined,
      author: e.author ?? 'unknown',
      createdAt: e.createdAt.toISOString(),
    }));
    return { decisions, enrichments, priorPersonIds, priorLineIds, personAliases, lineAliases };
  }

  /** What forces outside a region hold under active investigation in the month (cross-region alerts); nothing for the nation. */
  async function activeOutside(scope: string, month: string) {
    if (scope === 'NATIONAL') return null;
    const inRegion = new Set(scopeForces(scope));
    const elsewhere = await returnsRepo.currentReturns({ forces: FORCES.map((f) => f.code).filter((f) => !inRegion.has(f)), months: [month] });
    return returnsRepo.activeIdentifiers({ returnIds: elsewhere.filter((r) => !r.nilReturn).map((r) => r.id) });
  }

  const bothMerged = async (kind: 'person' | 'line', aKey: string, bKey: string) =>
    (await repo.countKnownRecords({ kind, keys: [aKey, bKey] })) === 2;

  /**
   * The id an entity goes by now: `id` itself, or where a chain of joins led
   * it. Looked up hop by hop (usually none or one), as a request needs one id,
   * not the alias table `followAliases` serves a whole merge from.
   */
  async function currentId(kind: 'person' | 'line', id: string): Promise<string> {
    let current = id;
    for (let hop = 0; hop < MAX_ALIAS_HOPS; hop++) {
      const next = await repo.aliasOf({ kind, id: current });
      if (next === undefined) break;
      current = next;
    }
    return current;
  }

  async function loadMerge(principal: Principal, id: string): Promise<MergeRow> {
    const row = await repo.findMerge({ id });
    if (!row) throw notFound('merge');
    assertScope(principal, row.scope);
    return row;
  }

  function assertMergeScope(principal: Principal, scope: string) {
    if (scope !== 'NATIONAL' && !isRegion(scope)) throw new AppError('regions.unknown', 404, `No region "${scope}".`);
    assertScope(principal, scope);
  }

  return {
    mergeContextData,
    currentId,
    assertMergeScope,

    /** Merges the current accepted returns of a region (or the nation) for a month, and stores the result. */
    async runMerge(principal: Principal, scope: string, month: string, progress: Progress = () => {}): Promise<MergeSummary> {
      assertMergeScope(principal, scope);
      progress('loading returns');
      const loaded = await loadCurrentReturns(returnsRepo, scopeForces(scope), lookbackMonths(month));
      const current = loaded.current.filter((r) => r.month === month);
      const nominals = (r: (typeof current)[number]) => (r.counts as { nominals?: number } | null)?.nominals ?? 0;
      if (scope !== 'NATIONAL') progress('checking forces outside the region');
      const [context, outside] = await Promise.all([mergeContextData(scope), activeOutside(scope, month)]);
      progress('resolving', {
        returns: loaded.inputs.filter((r) => r.month === month).length,
        nominals: current.reduce((n, r) => n + nominals(r), 0),
        lookbackReturns: loaded.inputs.filter((r) => r.month !== month).length,
      });
      // Resolved in the merge worker, which is sent the returns and hands back the texts to store.
      const channel = new MessageChannel();
      const failed = new AbortController();
      const running = mergePool.run({ scope, month, context, thresholds, outside, port: channel.port2 });
      let failure: unknown;
      running.catch((err: unknown) => {
        failure = err;
        failed.abort();
      });
      const messages = on(channel.port1, 'message', { signal: failed.signal });
      const next = async () => ((await messages.next()).value as [MergeMessage])[0];
      // The items, batch by batch as the worker encodes them, until it says it is done.
      async function* items(): AsyncGenerator<ItemBatch> {
        for (let m = await next(); !('end' in m); m = await next()) {
          if ('kind' in m) for (const batch of unpackBatches(m.batch)) yield [m.kind, batch];
        }
      }
      try {
        // Each return as it is read, parsed there while the next is read; nothing here holds them after.
        const refs = new Map(loaded.inputs.map((r) => [r.returnId, r]));
        for await (const [id, texts] of returnsRepo.eachParsedTexts([...refs.keys()])) {
          failed.signal.throwIfAborted();
          channel.port1.postMessage({ input: { ...refs.get(id)!, texts } } satisfies MergeInputMessage);
        }
        channel.port1.postMessage({ inputsEnd: true } satisfies MergeInputMessage);
        const first = await next();
        if (!('outcome' in first)) throw new Error('the merge worker sent items before its outcome');
        const { outcome } = first;
        const nil = current.filter((r) => r.nilReturn).map((r) => r.force);
        const missing = missingReturns(scope, month, current.map((r) => r.force), nil);
        const id = randomUUID();
        // The latest merge of a scope (review queue, enrichment checks) is the one created last: make
        // createdAt strictly increase within a scope, whatever the clock's resolution or a clock that steps back.
        const previous = await repo.latestMerge({ scope });
        const createdAt = previous && previous.createdAt.getTime() >= now().getTime() ? new Date(previous.createdAt.getTime() + 1) : now();
        const summary = {
          returns: current.map((r) => ({ force: r.force, returnId: r.id, version: r.version, nilReturn: Boolean(r.nilReturn) })),
          missing,
          stats: outcome.stats,
          alerts: outcome.alerts,
          reviewPairs: outcome.reviewPairs,
        };
        progress('saving', { people: outcome.people, lines: outcome.lines });
        await db.transaction(async (tx) => {
          // Ids first: they came with the outcome, and the worker encodes the items meanwhile.
          for (const kind of ['person', 'line'] as const) {
            await repo.saveIdentities({ kind, batches: unpackBatches(outcome.identities[kind].entries) }, tx);
            await repo.saveAliases({ kind, batches: unpackBatches(outcome.identities[kind].aliases) }, tx);
          }
          await repo.insertMerge({ id, scope, month, createdBy: principal.userId, createdAt, summary }, items(), tx);
        });
        await running;
        return { id, scope, month, createdAt, ...summary };
      } catch (err) {
        // The worker's own error (out of memory, say) rather than the end of its messages it caused.
        throw failure ?? err;
      } finally {
        channel.port1.close();
      }
    },

    async listMerges(principal: Principal, scope: string) {
      assertMergeScope(principal, scope);
      return (await repo.listMerges({ scope })).map(toSummary);
    },

    async getMerge(principal: Principal, id: string): Promise<MergeSummary> {
      return toSummary(await loadMerge(principal, id));
    },

    async people(principal: Principal, id: string) {
      await loadMerge(principal, id);
      return repo.items<MergedPerson>({ mergeId: id, kind: 'people' });
    },
    async lines(principal: Principal, id: string) {
      await loadMerge(principal, id);
      return repo.items<MergedLine>({ mergeId: id, kind: 'lines' });
    },
    async alerts(principal: Principal, id: string) {
      await loadMerge(principal, id);
      return repo.items<DeconflictionAlert>({ mergeId: id, kind: 'alerts' });
    },

    /** The uncertain pairs of the region's latest merge, each with the decision now in force (if any). */
    async reviewQueue(principal: Principal, scope: string) {
      assertMergeScope(principal, scope);
      const latest = await repo.latestMerge({ scope });
      if (!latest) return { mergeId: null, pairs: [] };
      const [pairs, decisions] = await Promise.all([repo.items<ReviewPair>({ mergeId: latest.id, kind: 'review' }), repo.decisions()]);
      const byPair = new Map(decisions.map((d) => [`${d.kind}:${d.aKey}||${d.bKey}`, d]));
      return {
        mergeId: latest.id,
        pairs: pairs.map((p) => {
          const d = byPair.get(`${p.kind}:${p.key}`);
          return { ...p, id: `${p.kind}:${p.key}`, decision: d && d.decision !== 'undecided' ? { decision: d.decision, decidedBy: d.decidedBy, decidedAt: d.decidedAt } : null };
        }),
      };
    },

    /** Records an analyst's decision on a pair of the region's queue; `undecided` reverses an earlier one. */
    async decide(principal: Principal, scope: string, pairId: string, decision: 'same' | 'different' | 'undecided') {
      assertMergeScope(principal, scope);
      const m = /^(person|line):([^|]+\|[^|]+)\|\|([^|]+\|[^|]+)$/.exec(pairId);
      if (!m) throw new AppError('review.bad_pair', 400, 'A review id looks like person:FORCE|REF||FORCE|REF.');
      const [, kind, aKey, bKey] = m as unknown as [string, 'person' | 'line', string, string];
      const forces = new Set(scopeForces(scope));
      if (![aKey, bKey].every((k) => forces.has(k.split('|')[0]))) throw outOfScope();
      const latest = await repo.latestMerge({ scope });
      const queued = latest && (await repo.item({ mergeId: latest.id, kind: 'review', id: pairId }));
      const history = await repo.decisionHistory({ kind, aKey, bKey });
      // Beyond the queue, an analyst may split two records a merge joined on
      // its own, or join two it kept apart, as long as a merge has seen both.
      const known = queued || history.length > 0 || (await bothMerged(kind, aKey, bKey));
      if (!known) throw new AppError('review.not_found', 404, 'No merge has seen both of those records; check the refs, or run the merge again first.');
      const row = await repo.insertDecision({ scope, kind, aKey, bKey, decision, decidedBy: principal.userId, decidedAt: now() });
      return { id: pairId, decision: row.decision, decidedBy: principal.name, decidedAt: row.decidedAt, history: history.length + 1 };
    },

    /** A ROCU's own note, OCG URN or association on merged entities; never written into a force's data. */
    async enrich(principal: Principal, scope: string, body: Omit<Enrichment, 'author' | 'createdAt'>) {
      assertMergeScope(principal, scope);
      const requested = body;
      body = {
        ...body,
        personId: body.personId && (await currentId('person', body.personId)),
        targetPersonId: body.targetPersonId && (await currentId('person', body.targetPersonId)),
        lineId: body.lineId && (await currentId('line', body.lineId)),
      };
      const latest = await repo.latestMerge({ scope });
      // Known to the region under the id asked for or the one it goes by now: a join made by
      // another scope's merge (the national collation) retires ids the region's latest merge still shows.
      const known = async (kind: 'people' | 'lines', ids: (string | undefined)[]) =>
        !ids[0] || (latest && (await Promise.all([...new Set(ids)].map((id) => id && repo.item({ mergeId: latest.id, kind, id })))).some(Boolean));
      if (
        !(await known('people', [body.personId, requested.personId])) ||
        !(await known('people', [body.targetPersonId, requested.targetPersonId])) ||
        !(await known('lines', [body.lineId, requested.lineId]))
      ) {
        throw new AppError('enrichment.unknown_entity', 404, "That person or line is not in the region's latest merge.");
      }
      if (body.kind === 'association' && !(body.personId && body.targetPersonId && body.relationship)) {
        throw new AppError('enrichment.incomplete', 400, 'An association needs personId, targetPersonId and relationship.');
      }
      // Compared as they go now: two ids a later merge joined are one person too.
      if (body.kind === 'association' && body.personId === body.targetPersonId) {
        throw new AppError('enrichment.self', 400, 'An association links two different people; personId and targetPersonId are one person.');
      }
      const row = await repo.insertEnrichment({
        id: randomUUID(),
        scope,
        kind: body.kind,
        personId: body.personId ?? null,
        lineId: body.lineId ?? null,
        targetPersonId: body.targetPersonId ?? null,
        relationship: body.relationship ?? null,
        text: body.text ?? null,
        ocgUrn: body.ocgUrn ?? null,
        author: principal.userId,
        createdAt: now(),
      });
      return { ...row, authorName: principal.name };
    },

    /** The regional return workbook of a stored merge, written off the event loop (`writeWorkbook`). */
    async exportWorkbook(principal: Principal, id: string): Promise<{ buffer: Buffer; merge: MergeRow; personIds: string[] }> {
      const merge = await loadMerge(principal, id);
      const summary = toSummary(merge);
      const [people, lines, alerts, review] = await Promise.all(
        (['people', 'lines', 'alerts', 'review'] as const).map((kind) => repo.itemTexts({ mergeId: id, kind })),
      );
      const used = await usedReturns(returnsRepo, summary.returns, merge.month);
      const texts = await returnsRepo.loadParsedTextsMany({ ids: used.map((r) => r.returnId) });
      const { buffer, personIds } = await writeWorkbook({
        region: merge.scope, month: merge.month, missing: summary.missing.missing, nil: summary.missing.nil, generatedAt: now(),
        items: { people, lines, alerts, review },
        returns: used.map((r) => ({ ...r, texts: texts.get(r.returnId)! })),
      });
      return { buffer, merge, personIds };
    },
  };
}

/** The hop limit of an alias chain: it guards against a cycle written by hand. */
const MAX_ALIAS_HOPS = 32;

/** Follows retired ids to the live one. */
export function followAliases(aliases: Map<string, string>, id: string): string {
  let current = id;
  for (let hop = 0; hop < MAX_ALIAS_HOPS && aliases.has(current); hop++) current = aliases.get(current)!;
  return current;
}

function toSummary(row: MergeRow): MergeSummary {
  const s = row.summary as Omit<MergeSummary, 'id' | 'scope' | 'month' | 'createdAt'>;
  return { id: row.id, scope: row.scope, month: row.month, createdAt: row.createdAt, ...s };
}

export type MergesService = ReturnType<typeof createMergesService>;
