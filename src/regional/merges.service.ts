import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { assertScope, outOfScope } from '../auth/scope.js';
import type { Db, Tx } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import type { ReturnsRepository } from '../matrix/returns.repository.js';
import { FORCES, forcesOfRegion, isRegion, REGION_CODES } from '../reference/forces.js';
import { buildRegionalReturnWorkbook } from './export.js';
import { derivedId, retiredIds } from './ids.js';
import { withNewId, type MergeContextData } from './merge-context.js';
import { mergeReturns } from './merge.js';
import type { MergeRow, MergesRepository } from './merges.repository.js';
import { missingReturns, type MissingReturns } from './missing-returns.js';
import { lookbackMonths, mergeMonth } from './month-merge.js';
import type { DeconflictionAlert, Decision, Enrichment, MergedLine, MergedPerson, MergeResult, MergeStats, ReviewPair, Thresholds } from './model.js';
import { withCrossRegionAlerts } from './cross-region.js';
import { activeInvestigations } from './deconfliction.js';
import { loadCurrentReturns, loadReturnsById } from './sources.js';

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

const NONE_USED = { has: () => false };

export const scopeForces = (scope: string): string[] =>
  scope === 'NATIONAL' ? FORCES.map((f) => f.code) : isRegion(scope) ? forcesOfRegion(scope) : [];

export function createMergesService({
  db,
  repo,
  returnsRepo,
  thresholds,
  now = () => new Date(),
}: {
  db: Db;
  repo: MergesRepository;
  returnsRepo: ReturnsRepository;
  thresholds: Thresholds;
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

  /** Resolves a scope's month for its merge, with the months before it for ids (month-merge.ts). */
  async function resolveMonth(scope: string, month: string, progress: Progress) {
    progress('loading returns');
    const loaded = await loadCurrentReturns(returnsRepo, scopeForces(scope), lookbackMonths(month));
    const current = loaded.current.filter((r) => r.month === month);
    const inputs = loaded.inputs.filter((r) => r.month === month);
    progress('resolving', { returns: inputs.length, nominals: inputs.reduce((n, r) => n + r.parsed.nominals.length, 0), lookbackReturns: loaded.inputs.length - inputs.length });
    const context = await mergeContextData(scope);
    const result = mergeMonth({ scope, returns: loaded.inputs, thresholds, ...withNewId(context) }, month);
    return { current, result, prior: { person: context.priorPersonIds, line: context.priorLineIds } };
  }

  /**
   * Stores the record → entity ids that changed, so later merges and queries
   * reuse them, and an alias for every id retired because its entity joined
   * another, so whatever named the old id finds the surviving one. A record
   * no merge had seen may have been shown by a query under the id derived
   * from it (ids.ts); that id leads to the record's entity too.
   */
  async function saveIdentities({ result, prior }: Awaited<ReturnType<typeof resolveMonth>>, tx: Tx) {
    for (const [kind, ids, before] of [
      ['person', result.personIdByRecord, prior.person],
      ['line', result.lineIdByRecord, prior.line],
    ] as const) {
      const changed = [...ids].filter(([k, v]) => before.get(k) !== v);
      const provisional = changed
        .filter(([k]) => !before.has(k))
        .map(([k, v]) => [derivedId(kind, k, NONE_USED), v] as [string, string])
        .filter(([p, v]) => p !== v);
      await repo.saveIdentities({ kind, entries: changed }, tx);
      await repo.saveAliases({ kind, entries: [...provisional, ...retiredIds(before, ids, changed.map(([k]) => k))] }, tx);
    }
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
      const resolved = await resolveMonth(scope, month, progress);
      const { current, result } = resolved;
      if (scope !== 'NATIONAL') {
        progress('checking forces outside the region');
        const inRegion = new Set(scopeForces(scope));
        const elsewhere = await returnsRepo.currentReturns({ forces: FORCES.map((f) => f.code).filter((f) => !inRegion.has(f)), months: [month] });
        const outside = await returnsRepo.activeIdentifiers({ returnIds: elsewhere.filter((r) => !r.nilReturn).map((r) => r.id) });
        const active = activeInvestigations(result.sourceRows.lines, result.sourceRows.nominals);
        result.alerts = withCrossRegionAlerts(result.alerts, { people: result.people, lines: result.lines, activeForces: active.forces }, outside);
      }
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
        stats: result.stats,
        alerts: result.alerts.length,
        reviewPairs: result.reviewPairs.length,
      };
      // Nothing stored reads the rows the merge came from or its links: let them (most of the
      // returns it read) be collected while the save runs, which allocates a great deal.
      result.sourceRows = { lines: [], nominals: [] };
      result.links = [];
      progress('saving', { people: result.people.length, lines: result.lines.length });
      await db.transaction(async (tx) => {
        await repo.insertMerge(
          { id, scope, month, createdBy: principal.userId, createdAt, summary },
          {
            people: releasing(result.people, (p) => ({ id: p.id, data: p })),
            lines: releasing(result.lines, (l) => ({ id: l.id, data: l })),
            alerts: releasing(result.alerts, (a) => ({ id: a.key, data: a })),
            review: releasing(result.reviewPairs, (r) => ({ id: `${r.kind}:${r.key}`, data: r })),
          },
          tx,
        );
        await saveIdentities(resolved, tx);
      });
      return { id, scope, month, createdAt, ...summary };
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

    /** The regional return workbook of a stored merge. */
    async exportWorkbook(principal: Principal, id: string): Promise<{ buffer: Buffer; merge: MergeRow; personIds: string[] }> {
      const merge = await loadMerge(principal, id);
      const summary = toSummary(merge);
      const [people, lines, alerts, reviewPairs] = await Promise.all([
        repo.items<MergedPerson>({ mergeId: id, kind: 'people' }),
        repo.items<MergedLine>({ mergeId: id, kind: 'lines' }),
        repo.items<DeconflictionAlert>({ mergeId: id, kind: 'alerts' }),
        repo.items<ReviewPair>({ mergeId: id, kind: 'review' }),
      ]);
      const sources = await loadReturnsById(returnsRepo, summary.returns, merge.month);
      const personOf = new Map(people.flatMap((p) => p.records.map((r) => [r.key, p.id] as const)));
      const lineOf = new Map(lines.flatMap((l) => l.records.map((r) => [r.key, l.id] as const)));
      const result = {
        people, lines, alerts, reviewPairs,
        sourceRows: {
          lines: sources.flatMap((r) => r.parsed.lines.map((line) => ({ returnId: r.returnId, force: r.force, month: r.month, line, lineId: lineOf.get(`${r.force}|${line.ref}`) ?? '' }))),
          nominals: sources.flatMap((r) =>
            r.parsed.nominals.map((nominal) => ({
              returnId: r.returnId, force: r.force, month: r.month, nominal,
              personId: personOf.get(`${r.force}|${nominal.ref}`) ?? '', lineId: lineOf.get(`${r.force}|${nominal.lineRef}`) ?? '',
            })),
          ),
        },
      } as unknown as MergeResult;
      const buffer = await buildRegionalReturnWorkbook({
        region: merge.scope, month: merge.month, result, missing: summary.missing.missing, nil: summary.missing.nil, generatedAt: now(),
      });
      return { buffer, merge, personIds: people.map((p) => p.id) };
    },
  };
}

/**
 * The list's items for the save, each let go from the list as it is taken: a
 * merge's entities are most of the heap while it is saved, and every
 * collection during the save marked them all again (a third of the save's CPU).
 */
function* releasing<T, U>(list: T[], item: (x: T) => U): Generator<U> {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    delete list[i];
    yield item(x);
  }
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
