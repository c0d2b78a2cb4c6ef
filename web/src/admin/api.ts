import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

// The administrator's calls, typed from the service's OpenAPI like the rest of the console.

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type User = Json<paths['/api/v1/admin/users']['get']['responses'][200]>[number];
export type NewUser = Json<NonNullable<paths['/api/v1/admin/users']['post']['requestBody']>>;
export type TokenRow = Json<paths['/api/v1/admin/users/{id}/tokens']['get']['responses'][200]>[number];
export type IssuedToken = Json<paths['/api/v1/admin/users/{id}/tokens']['post']['responses'][201]>;
export type AuditRow = Json<paths['/api/v1/audit']['get']['responses'][200]>[number];
export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;

const USERS = ['admin', 'users'] as const;
const tokensKey = (userId: string) => ['admin', 'tokens', userId] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS, queryFn: () => unwrap(api.GET('/api/v1/admin/users')) });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => unwrap(api.POST('/api/v1/admin/users', { body: user })),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS }),
  });
}

export function useDisableUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/users/{id}/disable', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS }),
  });
}

export function useTokens(userId: string) {
  return useQuery({ queryKey: tokensKey(userId), queryFn: () => unwrap(api.GET('/api/v1/admin/users/{id}/tokens', { params: { path: { id: userId } } })) });
}

export function useIssueToken(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (opts: { label?: string; days?: number }) =>
      unwrap(api.POST('/api/v1/admin/users/{id}/tokens', { params: { path: { id: userId } }, body: opts })),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey(userId) }),
  });
}

export function useRevokeToken(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await unwrap(api.POST('/api/v1/admin/tokens/{id}/revoke', { params: { path: { id } } }));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey(userId) }),
  });
}

/** One page of the audit log, newest first; the previous page stays on screen while the next loads. */
export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['admin', 'audit', query],
    queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
