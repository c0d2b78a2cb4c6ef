import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from './client';
import { ApiError } from './errors';
import type { components, paths } from './schema';

export type Session = paths['/api/v1/session']['get']['responses'][200]['content']['application/json'];
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];
export type { components };

export const SESSION_KEY = ['session'] as const;

/** The signed-in user, or null when signed out (a 401 is an answer here, not an error). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await unwrap(api.GET('/api/v1/session'));
        setCsrfToken(session.csrfToken);
        return session;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw err;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** Drops every answer fetched as the previous user; the session query itself stays observed (clear() would orphan its observer). */
function forgetAllBut(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/v1/session', { body: { token } })),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      forgetAllBut(qc);
      qc.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { response, error } = await api.DELETE('/api/v1/session');
      // Already signed out elsewhere (401) is as good as signing out here.
      if (!response.ok && response.status !== 401) throw new ApiError(response.status, 'session', (error as { error?: { message?: string } })?.error?.message ?? 'Could not sign out.');
    },
    onSettled: (_data, err) => {
      if (err) return;
      setCsrfToken(null);
      forgetAllBut(qc);
      qc.setQueryData(SESSION_KEY, null);
    },
  });
}
