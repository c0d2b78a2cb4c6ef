import { useId, useState } from 'react';
import { formatTime } from '../format';
import { href } from '../router';
import { ErrorMessage, Loading } from '../screens/common';
import { useIssueToken, useRevokeToken, useTokens, useUsers, type IssuedToken, type TokenRow } from './api';
import { ROLE_LABELS, scopeLabel } from './labels';

/** One user's tokens: issue one (shown once), revoke one. */
export function UserTokens({ userId }: { userId: string }) {
  const users = useUsers();
  const tokens = useTokens(userId);
  const user = users.data?.find((u) => u.id === userId || u.name === userId);
  return (
    <>
      <p>
        <a href={href('/')}>All users</a>
      </p>
      {users.isPending && <Loading label="Loading the user…" />}
      {users.isError && <ErrorMessage error={users.error} />}
      {users.data && !user && <ErrorMessage error={new Error('There is no such user. Choose one from the list of users.')} />}
      {user && (
        <>
          <h2>Tokens of {user.name}</h2>
          <p className="muted">
            {ROLE_LABELS[user.role]}, {scopeLabel(user)}. {user.disabled ? 'Disabled: none of their tokens works.' : 'Active.'}
          </p>
          {!user.disabled && <IssueToken userId={user.id} userName={user.name} />}
          {tokens.isPending && <Loading label="Loading tokens…" />}
          {tokens.isError && <ErrorMessage error={tokens.error} />}
          {tokens.data && <TokensTable userId={user.id} tokens={tokens.data} />}
        </>
      )}
    </>
  );
}

function IssueToken({ userId, userName }: { userId: string; userName: string }) {
  const id = useId();
  const issue = useIssueToken(userId);
  const [label, setLabel] = useState('');
  const [days, setDays] = useState('');
  // The new token lives only in this component's state: shown once, gone on leaving the screen.
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  return (
    <>
      <form
        className="admin-form"
        aria-label={`Issue a token for ${userName}`}
        onSubmit={(e) => {
          e.preventDefault();
          setIssued(null);
          issue.mutate(
            { label: label.trim() || undefined, days: days ? Number(days) : undefined },
            {
              onSuccess: (t) => {
                setIssued(t);
                setLabel('');
                setDays('');
              },
            },
          );
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-label`}>Label (optional)</label>
          <input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} placeholder="e.g. office desktop" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>Valid for (days)</label>
          <input id={`${id}-days`} type="number" min={1} max={366} value={days} onChange={(e) => setDays(e.target.value)} aria-describedby={`${id}-days-hint`} />
          <span id={`${id}-days-hint`} className="hint">
            Empty: the service's default.
          </span>
        </div>
        <button type="submit" disabled={issue.isPending}>
          {issue.isPending ? 'Issuing…' : 'Issue token'}
        </button>
        {issue.isError && <ErrorMessage error={issue.error} title="Not issued:" />}
      </form>
      {issued && <OneTimeToken issued={issued} onDone={() => setIssued(null)} />}
    </>
  );
}

function OneTimeToken({ issued, onDone }: { issued: IssuedToken; onDone: () => void }) {
  const id = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <section className="one-time" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>New token for {issued.user}</h3>
      <p>
        Copy it now and give it to {issued.user} by a secure route: <strong>it will not be shown again</strong>. It works until{' '}
        {formatTime(issued.expiresAt)}.
      </p>
      <label htmlFor={`${id}-token`}>New token</label>
      <input id={`${id}-token`} readOnly value={issued.token} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(issued.token).then(
              () => setCopy('copied'),
              () => setCopy('failed'),
            )
          }
        >
          Copy token
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
        <span role="status">
          {copy === 'copied' && 'Copied to the clipboard.'}
          {copy === 'failed' && 'The browser would not copy it: select the token and copy it yourself.'}
        </span>
      </div>
    </section>
  );
}

function tokenState(t: TokenRow, now: Date): string {
  if (t.revokedAt) return `Revoked ${formatTime(t.revokedAt)}`;
  if (new Date(t.expiresAt) <= now) return 'Expired';
  return 'Live';
}

const nameOf = (t: TokenRow) => t.label ?? `issued ${formatTime(t.createdAt)}`;

function TokensTable({ userId, tokens }: { userId: string; tokens: TokenRow[] }) {
  const revoke = useRevokeToken(userId);
  const [confirming, setConfirming] = useState<string | null>(null);
  const now = new Date();
  if (tokens.length === 0) return <p>No tokens have been issued to this user.</p>;
  return (
    <div className="table-wrap">
      {revoke.isError && <ErrorMessage error={revoke.error} title="Not revoked:" />}
      <table>
        <caption>Tokens, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => {
            const live = tokenState(t, now) === 'Live';
            return (
              <tr key={t.id}>
                <td>{t.label ?? <span className="muted">no label</span>}</td>
                <td>{formatTime(t.createdAt)}</td>
                <td>{formatTime(t.expiresAt)}</td>
                <td>{tokenState(t, now)}</td>
                <td className="actions">
                  {live && confirming !== t.id && (
                    <button type="button" className="secondary" aria-label={`Revoke token ${nameOf(t)}`} onClick={() => setConfirming(t.id)}>
                      Revoke
                    </button>
                  )}
                  {confirming === t.id && (
                    <span role="group" aria-label={`Confirm revoking token ${nameOf(t)}`}>
                      <span>It and the console sessions made with it stop working at once. </span>
                      <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate(t.id, { onSettled: () => setConfirming(null) })}>
                        Yes, revoke
                      </button>{' '}
                      <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
