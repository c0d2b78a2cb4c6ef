import { useId, useState } from 'react';
import { formatTime } from '../format';
import { href, navigate } from '../router';
import { ErrorMessage, Loading } from '../screens/common';
import { useAudit, useUsers, type AuditQuery, type AuditRow } from './api';

const PAGE = 50;
const FILTERS = ['user', 'action', 'target', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** `2026-12-07T05:30:00.000Z` ⇄ the `datetime-local` value in the browser's own time zone. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
const fromLocalInput = (local: string) => (local ? new Date(local).toISOString() : '');

/** The audit log, newest first, filtered by user, action, target and time, a page at a time. The filters live in the address, so a view can be bookmarked. */
export function AuditLog({ params }: { params: URLSearchParams }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const before = Number(params.get('before')) || undefined;
  const query: AuditQuery = { limit: PAGE, before };
  for (const k of FILTERS) if (filters[k]) (query as Record<string, unknown>)[k] = filters[k];
  const audit = useAudit(query);
  const users = useUsers();
  const nameOf = (id: string | null) => (id && users.data?.find((u) => u.id === id)?.name) || null;
  const rows = audit.data ?? [];
  const oldest = rows.at(-1);

  return (
    <>
      <h2>Audit log</h2>
      <AuditFilters key={params.toString()} filters={filters} users={users.data?.map((u) => ({ id: u.id, name: u.name })) ?? []} />
      {audit.isPending && <Loading label="Loading the audit log…" />}
      {audit.isError && <ErrorMessage error={audit.error} />}
      {audit.data && rows.length === 0 && <p>No entries {before ? 'older than these' : 'match these filters'}.</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table aria-busy={audit.isFetching}>
            <caption>Audit entries, newest first{before ? ` (older than entry ${before})` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">User</th>
                <th scope="col">Action</th>
                <th scope="col">Request</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatTime(r.at)}</td>
                  <td>{r.userName ?? nameOf(r.userId) ?? <span className="muted">not signed in</span>}</td>
                  <td>{r.action}</td>
                  <td>
                    <code>
                      {r.method} {urlOf(r)}
                    </code>
                  </td>
                  <td>{r.targetId ? `${r.targetKind ?? ''} ${r.targetId}`.trim() : '—'}</td>
                  <td>{statusOf(r)}</td>
                  <td>{r.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Audit log pages">
        {before && <a href={href('/audit', { ...filters })}>Newest entries</a>}
        {oldest && rows.length === PAGE && (
          <button type="button" className="secondary" onClick={() => navigate('/audit', { ...filters, before: String(oldest.id) })}>
            Older entries
          </button>
        )}
      </nav>
    </>
  );
}

function urlOf(r: AuditRow): string {
  const url = (r.detail as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : r.route;
}

function statusOf(r: AuditRow): string {
  const refused = (r.detail as { refused?: unknown } | null)?.refused;
  return typeof refused === 'string' ? `${r.status} (${refused})` : String(r.status);
}

function AuditFilters({ filters, users }: { filters: Filters; users: { id: string; name: string }[] }) {
  const id = useId();
  const [draft, setDraft] = useState({ ...filters, from: filters.from && toLocalInput(filters.from), to: filters.to && toLocalInput(filters.to) });
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form
      className="admin-form"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault();
        navigate('/audit', { user: draft.user, action: draft.action.trim(), target: draft.target.trim(), from: fromLocalInput(draft.from), to: fromLocalInput(draft.to) });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-user`}>User</label>
        <select id={`${id}-user`} value={draft.user} onChange={(e) => set({ user: e.target.value })}>
          <option value="">Anyone</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-action`}>Action</label>
        <input id={`${id}-action`} value={draft.action} onChange={(e) => set({ action: e.target.value })} size={18} placeholder="e.g. users.add" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-target`}>Target id</label>
        <input id={`${id}-target`} value={draft.target} onChange={(e) => set({ target: e.target.value })} size={24} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="datetime-local" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="datetime-local" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <button type="submit">Show</button>
      <a href={href('/audit')}>Clear filters</a>
    </form>
  );
}
