import { useId, useState } from 'react';
import { formatTime } from '../format';
import { href } from '../router';
import { ErrorMessage, Loading } from '../screens/common';
import { useCreateUser, useDisableUser, useUsers, type NewUser, type User } from './api';
import { FORCES, REGIONS, ROLE_LABELS, regionLabel, scopeLabel } from './labels';

/** Every user, with the form to add one and a way to disable one. */
export function Users() {
  const users = useUsers();
  return (
    <>
      <h2>Users</h2>
      <CreateUser />
      {users.isPending && <Loading label="Loading users…" />}
      {users.isError && <ErrorMessage error={users.error} />}
      {users.data && <UsersTable users={users.data} />}
    </>
  );
}

function CreateUser() {
  const id = useId();
  const create = useCreateUser();
  const [form, setForm] = useState<{ name: string; role: NewUser['role']; force: string; region: string }>({ name: '', role: 'FORCE_ANALYST', force: '', region: '' });
  const [created, setCreated] = useState<User | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <form
      className="admin-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const body: NewUser = { name: form.name.trim(), role: form.role };
        if (form.role === 'FORCE_ANALYST') body.force = form.force;
        if (form.role === 'ROCU_ANALYST') body.region = form.region;
        setCreated(null);
        create.mutate(body, {
          onSuccess: (user) => {
            setCreated(user);
            setForm({ name: '', role: form.role, force: '', region: '' });
          },
        });
      }}
    >
      <h3 id={`${id}-title`} className="visually-hidden">
        Add a user
      </h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={form.name} onChange={(e) => set({ name: e.target.value })} required minLength={2} maxLength={80} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={form.role} onChange={(e) => set({ role: e.target.value as NewUser['role'] })}>
          {Object.entries(ROLE_LABELS).map(([role, label]) => (
            <option key={role} value={role}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {form.role === 'FORCE_ANALYST' && (
        <div className="field">
          <label htmlFor={`${id}-force`}>Force</label>
          <select id={`${id}-force`} value={form.force} onChange={(e) => set({ force: e.target.value })} required>
            <option value="">Choose a force</option>
            {FORCES.map((f) => (
              <option key={f.code} value={f.code}>
                {f.name} ({f.code})
              </option>
            ))}
          </select>
        </div>
      )}
      {form.role === 'ROCU_ANALYST' && (
        <div className="field">
          <label htmlFor={`${id}-region`}>Region</label>
          <select id={`${id}-region`} value={form.region} onChange={(e) => set({ region: e.target.value })} required>
            <option value="">Choose a region</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {regionLabel(r)}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add user'}
      </button>
      {create.isError && <ErrorMessage error={create.error} title="Not added:" />}
      {created && (
        <p role="status" className="hint">
          Added {created.name}. <a href={href(`/users/${created.id}`)}>Issue a token for {created.name}</a>
        </p>
      )}
    </form>
  );
}

function UsersTable({ users }: { users: User[] }) {
  const disable = useDisableUser();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="table-wrap">
      {disable.isError && <ErrorMessage error={disable.error} title="Not disabled:" />}
      <table>
        <caption>Users, by name</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Force or region</th>
            <th scope="col">Created</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{scopeLabel(u)}</td>
              <td>{formatTime(u.createdAt)}</td>
              <td>{u.disabled ? 'Disabled' : 'Active'}</td>
              <td className="actions">
                <a href={href(`/users/${u.id}`)} aria-label={`Tokens of ${u.name}`}>
                  Tokens
                </a>
                {!u.disabled && confirming !== u.id && (
                  <button type="button" className="secondary" aria-label={`Disable ${u.name}`} onClick={() => setConfirming(u.id)}>
                    Disable
                  </button>
                )}
                {confirming === u.id && (
                  <span role="group" aria-label={`Confirm disabling ${u.name}`}>
                    <span>Their tokens and console sessions stop working at once. </span>
                    <button
                      type="button"
                      disabled={disable.isPending}
                      onClick={() => disable.mutate(u.id, { onSettled: () => setConfirming(null) })}
                    >
                      Yes, disable {u.name}
                    </button>{' '}
                    <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
