import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type ControllersPage = Json<paths['/api/v1/controllers']['get']['responses'][200]>;
type SafeguardingPage = Json<paths['/api/v1/safeguarding']['get']['responses'][200]>;

export type Ranked = NonNullable<ControllersPage['people']>[number];
export type ContactsEntry = NonNullable<ControllersPage['contacts']>[number];
export type Factor = Ranked['factors'][number];
export type Evidence = Factor['evidence'][number];
export type SafeguardingEntry = SafeguardingPage['people'][number];
export type PersonAnswer = Json<paths['/api/v1/people/{id}']['get']['responses'][200]>;
export type LineAnswer = Json<paths['/api/v1/lines/{id}']['get']['responses'][200]>;
export type Window = ControllersPage['window'];

/** Scope and window of months every centre screen asks about; `scope` absent = the user's own. */
export interface WindowQuery {
  scope?: string;
  month: string;
  months: number;
}

/**
 * Page sizes, one per request in turn, the last repeated: a small first page
 * so the first screen is drawn at once, then up to the largest the service
 * gives (PAGE_DEFAULTS.maxLimit). The first 1,000 of a ranking carry their
 * factors and evidence (about 9 KB a person), so they come in pieces that
 * each parse without holding the page up for long.
 */
const PAGES = [50, 150, 300, 500, 1000];

export interface AllPages<T> {
  items: T[];
  total: number | null;
  window: Window | null;
  done: boolean;
  error: unknown;
}

/**
 * Every page of a cursor-paged list, fetched one after another in the
 * background: the screen shows the first page as soon as it arrives and the
 * rest as they come, with how many of how many are loaded. A change of query
 * abandons the old walk. A 409 (the list changed between pages) is reported
 * like any other error: the analyst reloads and reads one consistent list.
 */
function useAllPages<T>(key: unknown[], fetchPage: (cursor: string | undefined, limit: number, signal: AbortSignal) => Promise<{ items: T[]; total: number; nextCursor: string | null; window: Window }>, enabled = true): AllPages<T> {
  const [state, setState] = useState<AllPages<T>>({ items: [], total: null, window: null, done: false, error: null });
  const qc = useQueryClient();
  const id = JSON.stringify(key);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const abandoned = new AbortController();
    const cached = qc.getQueryData<AllPages<T>>(key);
    if (cached?.done) {
      setState(cached);
      return;
    }
    setState({ items: [], total: null, window: null, done: false, error: null });
    void (async () => {
      let items: T[] = [];
      let cursor: string | undefined;
      let n = 0;
      try {
        do {
          const page = await fetchPage(cursor, PAGES[Math.min(n++, PAGES.length - 1)]!, abandoned.signal);
          if (stopped) return;
          items = items.concat(page.items);
          cursor = page.nextCursor ?? undefined;
          const next = { items, total: page.total, window: page.window, done: !cursor, error: null };
          setState(next);
          if (next.done) qc.setQueryData(key, next);
        } while (cursor);
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, error }));
      }
    })();
    return () => {
      stopped = true;
      abandoned.abort();
    };
    // `id` is the key's content; fetchPage is rebuilt on every render from the same query.
  }, [id, enabled]);
  return state;
}

export function useControllers(q: WindowQuery) {
  return useAllPages<Ranked>(['controllers', q], async (cursor, limit, signal) => {
    const page = await unwrap(api.GET('/api/v1/controllers', { params: { query: { ...q, cursor, limit } }, signal }));
    return { items: page.people ?? [], total: page.total, nextCursor: page.nextCursor, window: page.window };
  });
}

/** The old ranking by police contacts, for comparison beside the structural one. */
export function useContactsRanks(q: WindowQuery, enabled: boolean) {
  return useAllPages<ContactsEntry>(
    ['contacts', q],
    async (cursor, limit, signal) => {
      const page = await unwrap(api.GET('/api/v1/controllers', { params: { query: { ...q, cursor, limit, method: 'contacts' } }, signal }));
      return { items: page.contacts ?? [], total: page.total, nextCursor: page.nextCursor, window: page.window };
    },
    enabled,
  );
}

export function useSafeguarding(q: WindowQuery) {
  return useAllPages<SafeguardingEntry>(['safeguarding', q], async (cursor, limit, signal) => {
    const page = await unwrap(api.GET('/api/v1/safeguarding', { params: { query: { ...q, cursor, limit } }, signal }));
    return { items: page.people, total: page.total, nextCursor: page.nextCursor, window: page.window };
  });
}

export function usePerson(id: string, q: WindowQuery) {
  return useQuery({
    queryKey: ['person', id, q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/people/{id}', { params: { path: { id }, query: q }, signal })),
  });
}

export function useLine(id: string, q: WindowQuery) {
  return useQuery({
    queryKey: ['line', id, q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/lines/{id}', { params: { path: { id }, query: q }, signal })),
  });
}

function query(q: WindowQuery, extra: Record<string, string | number> = {}): string {
  const p = new URLSearchParams();
  if (q.scope) p.set('scope', q.scope);
  p.set('month', q.month);
  p.set('months', String(q.months));
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return p.toString();
}

export const networkUrl = (personId: string, q: WindowQuery, depth: number, format: 'json' | 'graphml' | 'gexf') =>
  `/api/v1/network/${encodeURIComponent(personId)}?${query(q, { depth, format })}`;

export const briefingUrl = (q: WindowQuery) => `/api/v1/controllers/export.xlsx?${query(q)}`;
