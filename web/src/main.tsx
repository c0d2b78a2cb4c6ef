import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setCsrfToken } from './api/client';
import { ApiError } from './api/errors';
import { SESSION_KEY } from './api/session';
import { App } from './App';
import './styles.css';

/** Any 401 means the session has ended (idle, expired, revoked): show the sign-in form. */
function onError(err: unknown) {
  if (err instanceof ApiError && err.status === 401 && queryClient.getQueryData(SESSION_KEY)) {
    setCsrfToken(null);
    queryClient.setQueryData(SESSION_KEY, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // 4xx will not change by asking again; a 503 or a dropped connection might.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
