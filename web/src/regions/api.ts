import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

// The ROCU analyst's calls (/api/v1/regions/:region/…, /jobs/:id) as TanStack
// Query hooks. Every type comes from the generated schema.

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Region = { region: string };

export type MergeSummary = Json<paths['/api/v1/regions/{region}/merges']['get']['responses'][200]>['merges'][number];
export type Job = Json<paths['/api/v1/jobs/{id}']['get']['responses'][200]>;
export type MergedPerson = Json<paths['/api/v1/regions/{region}/merges/{id}/people']['get']['responses'][200]>['people'][number];
export type MergedLine = Json<paths['/api/v1/regions/{region}/merges/{id}/lines']['get']['responses'][200]>['lines'][number];
export type Alert = Json<paths['/api/v1/regions/{region}/merges/{id}/alerts']['get']['responses'][200]>['alerts'][number];
type ReviewPage = Json<paths['/api/v1/regions/{region}/review']['get']['responses'][200]>;
export type ReviewPair = ReviewPage['pairs'][number];
/** The whole queue of the region's latest merge (every page). */
export type ReviewQueue = { mergeId: string | null; pairs: ReviewPair[] };
export type Decision = 'same' | 'different' | 'undecided';
export type EnrichmentBody = Json<paths['/api/v1/regions/{region}/enrichments']['post']['requestBody']>;
export type Relationship = NonNullable<EnrichmentBody['relationship']>;
export type PersonLinks = Json<paths['/api/v1/people/{id}']['get']['responses'][200]>;
export type SourcedValue = MergedPerson['surnames'][number];
export type Provenance = SourcedValue['sources'][number];

/**
 * Every page of a paged list (the API serves at most 1,000 a page): a merge's
 * people and lines are searched whole in the browser, the queue and the merge
 * history are short. A list that changes between pages answers 409 with its message.
 */
async function allPages<P extends { nextCursor: string | null }, T>(get: (cursor: string | undefined) => Promise<P>, items: (page: P) => T[]): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get(cursor);
    out.push(...items(page));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const PAGE = 1000;

export function useCompliances(months: string[]) {
  return useQueries({
    queries: months.map((month) => ({
      queryKey: ['compliance', month],
      queryFn: () => unwrap(api.GET('/api/v1/compliance', { params: { query: { month } } })),
    })),
  });
}

export function useMerges({ region }: Region) {
  return useQuery({
    queryKey: ['merges', region],
    queryFn: () =>
      allPages(
        (cursor) => unwrap(api.GET('/api/v1/regions/{region}/merges', { params: { path: { region }, query: { cursor, limit: PAGE } } })),
        (p) => p.merges,
      ),
  });
}

/** A stored merge of the region: `id`, or the latest when `id` is absent (null when none has been run). */
export function useMerge({ region, id }: Region & { id?: string }) {
  const merges = useMerges({ region });
  const merge = id ? merges.data?.find((m) => m.id === id) : merges.data?.[0];
  return { ...merges, merge: merges.data ? (merge ?? null) : undefined };
}

/** Starts a merge as a job (`Prefer: respond-async`): the answer is the job to watch. */
export function useRunMerge({ region }: Region) {
  return useMutation({
    mutationFn: async (month: string) => {
      const call = api.POST('/api/v1/regions/{region}/merges', {
        params: { path: { region }, header: { prefer: 'respond-async' } },
        body: { month },
      });
      // With the header the answer is 202 and a job (docs/api.md, "Long work as jobs").
      return (await unwrap<unknown>(call)) as Job;
    },
  });
}

/** A job, asked again every second while it runs. */
export function useJob(id: string | undefined) {
  return useQuery({
    queryKey: ['job', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: id! } } })),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
  });
}

export function usePeople({ region, mergeId }: Region & { mergeId: string | undefined }) {
  return useQuery({
    queryKey: ['merge-people', region, mergeId],
    enabled: !!mergeId,
    staleTime: Infinity,
    queryFn: () =>
      allPages(
        (cursor) => unwrap(api.GET('/api/v1/regions/{region}/merges/{id}/people', { params: { path: { region, id: mergeId! }, query: { cursor, limit: PAGE } } })),
        (p) => p.people,
      ),
  });
}

export function useLines({ region, mergeId }: Region & { mergeId: string | undefined }) {
  return useQuery({
    queryKey: ['merge-lines', region, mergeId],
    enabled: !!mergeId,
    staleTime: Infinity,
    queryFn: () =>
      allPages(
        (cursor) => unwrap(api.GET('/api/v1/regions/{region}/merges/{id}/lines', { params: { path: { region, id: mergeId! }, query: { cursor, limit: PAGE } } })),
        (p) => p.lines,
      ),
  });
}

export function useAlerts({ region, mergeId }: Region & { mergeId: string | undefined }) {
  return useQuery({
    queryKey: ['merge-alerts', region, mergeId],
    enabled: !!mergeId,
    staleTime: Infinity,
    queryFn: () =>
      allPages(
        (cursor) => unwrap(api.GET('/api/v1/regions/{region}/merges/{id}/alerts', { params: { path: { region, id: mergeId! }, query: { cursor, limit: PAGE } } })),
        (p) => p.alerts,
      ),
  });
}

export function useReviewQueue({ region }: Region) {
  return useQuery({
    queryKey: ['review', region],
    queryFn: async (): Promise<ReviewQueue> => {
      let mergeId: string | null = null;
      const pairs = await allPages(
        (cursor) => unwrap(api.GET('/api/v1/regions/{region}/review', { params: { path: { region }, query: { cursor, limit: PAGE } } })),
        (p) => ((mergeId = p.mergeId), p.pairs),
      );
      return { mergeId, pairs };
    },
  });
}

export function useDecide({ region }: Region) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ pairId, decision }: { pairId: string; decision: Decision }) =>
      unwrap(api.POST('/api/v1/regions/{region}/review/{id}', { params: { path: { region, id: pairId } }, body: { decision } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['review', region] }),
  });
}

export function useEnrich({ region }: Region) {
  return useMutation({
    mutationFn: (body: EnrichmentBody) => unwrap(api.POST('/api/v1/regions/{region}/enrichments', { params: { path: { region } }, body })),
  });
}

/** The network's view of a person over the merge's month: every line and role, with provenance. */
export function usePersonLinks({ scope, id, month }: { scope: string; id: string; month: string | undefined }) {
  return useQuery({
    queryKey: ['person-links', scope, id, month],
    enabled: !!month,
    queryFn: () => unwrap(api.GET('/api/v1/people/{id}', { params: { path: { id }, query: { scope, month: month!, months: 1 } } })),
  });
}

export const exportUrl = (region: string, mergeId: string) =>
  `/api/v1/regions/${encodeURIComponent(region)}/merges/${encodeURIComponent(mergeId)}/export.xlsx`;

/** The network routes name the whole country `national`; the merge routes `NATIONAL`. */
export const networkScope = (region: string) => (region === 'NATIONAL' ? 'national' : region);
