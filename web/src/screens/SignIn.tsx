import { useId, useState } from 'react';
import { messageOf } from '../api/errors';
import { useSignIn } from '../api/session';

/** The one screen a signed-out visitor sees. The token is sent once and never stored by the browser. */
export function SignIn() {
  const [token, setToken] = useState('');
  const signIn = useSignIn();
  const id = useId();
  return (
    <main className="page narrow signin">
      <h1>County lines matrix</h1>
      <p>Sign in with the access token your administrator gave you.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const value = token.trim();
          if (value) signIn.mutate(value, { onSuccess: () => setToken('') });
        }}
      >
        <label htmlFor={`${id}-token`}>Access token</label>
        <input
          id={`${id}-token`}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby={signIn.isError ? `${id}-error` : undefined}
        />
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        {signIn.isError && (
          <p id={`${id}-error`} className="banner error" role="alert">
            {messageOf(signIn.error)}
          </p>
        )}
      </form>
    </main>
  );
}
